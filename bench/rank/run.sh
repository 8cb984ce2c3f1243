#!/usr/bin/env bash
# mpg rank on a generated leaderboard of 1,000 models x 200 benchmarks (seeded), NativeAOT build; see docs/PERFORMANCE.md.
# Usage: bench/rank/run.sh            (SAMPLES="200 1000" to choose the draw counts; MPG_BENCH_DIR for the work folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$here/../..
work=${MPG_BENCH_DIR:-${TMPDIR:-/tmp}/mpg-bench-rank}
mkdir -p "$work"
python3 "$here/generate.py" 1000 200 "$work/leaderboard.csv"
dotnet publish "$repo/src/Mpg.Gate.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" > "$work/publish.log" 2>&1
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%FT%TZ)"
for samples in ${SAMPLES:-200 1000}; do
  for run in 1 2 3; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "samples=$samples run=$run: wall %e s, cpu %U s user + %S s sys, peak RSS %M KB (load average before: $load)" \
      "$work/aot/mpg" rank -i "$work/leaderboard.csv" --samples "$samples" > "$work/rank-$samples.txt"
  done
done
head -4 "$work/rank-200.txt" 2>/dev/null || true

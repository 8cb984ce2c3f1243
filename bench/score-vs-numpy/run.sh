#!/usr/bin/env bash
# Side by side: `mpg score` vs a plain numpy script doing the same job (numpy_score.py), on the seven
# lm-eval v0.4 same-suite result files, 20,000 draws per leaf, one process per file on both sides.
# mpg is measured twice: published with NativeAOT (how we recommend running it in CI) and as the
# portable JIT build that `dotnet tool install` gives today.
# Needs: hyperfine, python3-numpy and clang (Debian packages).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}   # Debian's python3, where python3-numpy installs
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
linker=$(command -v clang >/dev/null && echo clang || echo clang-14)
dotnet publish "$root/src/Mpg.Gate.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$linker" -o "$out/aot" --nologo -v q >/dev/null
dotnet publish "$root/src/Mpg.Gate.Cli" -c Release -o "$out/jit" --nologo -v q >/dev/null
mapfile -t files < <(find "$root/tests/data/lm-eval/v0.4-same-suite" -name 'results_*.json' | sort)
echo "files: ${#files[@]}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F)"
"$py" -c 'import numpy, sys; print("python", sys.version.split()[0], "numpy", numpy.__version__)'
echo "dotnet $(dotnet --version)"

# Same bytes from both builds: NativeAOT changes start-up, not the numbers.
export SOURCE_DATE_EPOCH=0
"$out/aot/mpg" score -p "$here/suite.yml" -i "${files[0]}" --format json > "$out/aot.json"
"$out/jit/mpg" score -p "$here/suite.yml" -i "${files[0]}" --format json > "$out/jit.json"
cmp "$out/aot.json" "$out/jit.json" && echo "AOT and JIT scorecards: byte-identical"

run_all() { echo "for f in ${files[*]}; do $1 \$f >/dev/null; done"; }
hyperfine --warmup 2 --runs 10 --shell bash \
  -n "mpg score x7 (NativeAOT)" "$(run_all "$out/aot/mpg score -p $here/suite.yml --samples 20000 --format json -i")" \
  -n "mpg score x7 (JIT, dotnet tool)" "$(run_all "$out/jit/mpg score -p $here/suite.yml --samples 20000 --format json -i")" \
  -n "numpy x7" "$(run_all "$py $here/numpy_score.py")" \
  --export-markdown "$out/result.md"
cat "$out/result.md"

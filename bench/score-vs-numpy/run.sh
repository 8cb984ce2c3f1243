#!/usr/bin/env bash
# Side by side: `mpg score` vs a plain numpy script doing the same job (numpy_score.py), on the seven
# lm-eval v0.4 same-suite result files, 20,000 draws per leaf, one process per file on both sides.
# mpg is measured as `dotnet tool install Mpg.Gate.Tool` gives it (packed here into a folder feed: the pointer
# package resolves to this machine's NativeAOT package) and as the portable build (the "any" package, what any other
# platform gets: JIT). Also `mpg --version`, the start-up alone.
# Needs: hyperfine, python3-numpy and clang (Debian packages).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}   # Debian's python3, where python3-numpy installs
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
for r in "" "-r $rid" "-r any"; do
  # shellcheck disable=SC2086
  dotnet pack "$root/src/Mpg.Gate.Cli" -c Release $r -o "$out/feed" --nologo -v q >/dev/null
done
dotnet tool install --tool-path "$out/tool" --add-source "$out/feed" Mpg.Gate.Tool >/dev/null
installed=$out/tool/mpg
echo "installed: $(readlink "$installed")"
# The portable build, as the "any" package holds it (framework-dependent, JIT).
dotnet publish "$root/src/Mpg.Gate.Cli" -c Release -p:PublishAot=false -o "$out/jit" --nologo -v q >/dev/null
mapfile -t files < <(find "$root/tests/data/lm-eval/v0.4-same-suite" -name 'results_*.json' | sort)
echo "files: ${#files[@]}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F)"
"$py" -c 'import numpy, sys; print("python", sys.version.split()[0], "numpy", numpy.__version__)'
echo "dotnet $(dotnet --version)"

# Same bytes from both builds: NativeAOT changes start-up, not the numbers.
export SOURCE_DATE_EPOCH=0
"$installed" score -p "$here/suite.yml" -i "${files[0]}" --format json > "$out/aot.json"
"$out/jit/mpg" score -p "$here/suite.yml" -i "${files[0]}" --format json > "$out/jit.json"
cmp "$out/aot.json" "$out/jit.json" && echo "installed (NativeAOT) and portable scorecards: byte-identical"

run_all() { echo "for f in ${files[*]}; do $1 \$f >/dev/null; done"; }
hyperfine --warmup 2 --runs 10 --shell bash \
  -n "mpg score x7 (dotnet tool install: NativeAOT)" "$(run_all "$installed score -p $here/suite.yml --samples 20000 --format json -i")" \
  -n "mpg score x7 (portable any package: JIT)" "$(run_all "$out/jit/mpg score -p $here/suite.yml --samples 20000 --format json -i")" \
  -n "numpy x7" "$(run_all "$py $here/numpy_score.py")" \
  --export-markdown "$out/result.md"
cat "$out/result.md"
hyperfine --warmup 3 --runs 20 -N -n "mpg --version (installed)" "$installed --version" -n "mpg --version (portable)" "$out/jit/mpg --version" --export-markdown "$out/version.md"
cat "$out/version.md"

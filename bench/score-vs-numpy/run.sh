#!/usr/bin/env bash
# Side by side: `mpg score` vs a plain numpy script, on the seven lm-eval v0.4 same-suite result files,
# 20,000 draws per leaf, one process per file on both sides. Needs hyperfine and python3-numpy (Debian packages).
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}   # Debian's python3, where python3-numpy installs
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
dotnet publish "$root/src/Mpg.Gate.Cli" -c Release -o "$out/mpg" --nologo -v q >/dev/null
mapfile -t files < <(find "$root/tests/data/lm-eval/v0.4-same-suite" -name 'results_*.json' | sort)
echo "files: ${#files[@]}"
mpg_all="for f in ${files[*]}; do $out/mpg/mpg score -p $here/suite.yml -i \$f --samples 20000 --format json >/dev/null; done"
np_all="for f in ${files[*]}; do $py $here/numpy_score.py \$f >/dev/null; done"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F)"
"$py" -c 'import numpy; print("numpy", numpy.__version__)'; dotnet --version
hyperfine --warmup 2 --runs 10 --shell bash -n "mpg score x7" "$mpg_all" -n "numpy x7" "$np_all" --export-markdown "$out/result.md"
cat "$out/result.md"

#!/usr/bin/env bash
# The site of a 1,000-record history: build time of `mpg site` and the size of its largest page (docs/PERFORMANCE.md).
# Makes a real store with mpg (two weekly gates with --record, so the records hold real scorecards and verdicts),
# grows it to 1,000 records of one gate (800 on main, 200 from pull requests) by generate.py, then builds the site
# five times with the portable (JIT) build and, where one is given as MPG_AOT, a NativeAOT binary.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
dotnet build "$root/src/Mpg.Gate.Cli" -c Release -v q -nologo >/dev/null
mpg() { dotnet "$root/src/Mpg.Gate.Cli/bin/Release/net10.0/mpg.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp mpg.yml "$work/"
cd "$work"
for week in 0 1; do
  mkdir -p "run-$week"
  printf 'model,benchmark,n,successes\nassistant,math,20000,%d\nassistant,logic,20000,%d\nassistant,facts,20000,%d\n' \
    $((15000 - 60 * week)) $((15200 - 60 * week)) $((14800 - 60 * week)) > "run-$week/scores.csv"
done
SOURCE_DATE_EPOCH=1767603600 mpg score -i run-0/scores.csv -o week0.json >/dev/null
SOURCE_DATE_EPOCH=1767603600 mpg history record --scorecard week0.json --branch main --commit week0000 >/dev/null
SOURCE_DATE_EPOCH=1768208400 mpg gate -i run-1/scores.csv --record --branch main --commit week0001 >/dev/null 2>&1 || true
python3 "$OLDPWD/generate.py" .mpg/history.db 1000
run() {
  local label=$1; shift
  for i in 1 2 3 4 5; do
    rm -rf site
    start=$(date +%s.%N)
    "$@" site -o site >/dev/null
    end=$(date +%s.%N)
    echo "$label run $i: $(echo "$end - $start" | bc) s"
  done
}
run "mpg site (JIT)" mpg
if [ -n "${MPG_AOT:-}" ]; then run "mpg site (NativeAOT)" "$MPG_AOT"; fi
echo "pages: $(find site -name '*.html' | wc -l), total $(du -sh site | cut -f1)"
echo "largest: $(find site -name '*.html' -printf '%s %p\n' | sort -n | tail -1)"

#!/usr/bin/env bash
# The README's 52-week slide, rerunnable: generates weekly per-benchmark CSVs (20,000 items each, 75.0% falling
# 0.3 points a week), records week 0, gates weeks 1-52 with --record as main's CI would, prints each week's
# verdict, and charts the history into ../../docs/images (drift-slide-goodness.png and .svg).
# Same parameters as tests/Mpg.Gate.Cli.Tests/History/DriftSlide.cs, which checks the outcome.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
dotnet build "$root/src/Mpg.Gate.Cli" -c Release -v q -nologo >/dev/null
mpg() { dotnet "$root/src/Mpg.Gate.Cli/bin/Release/net10.0/mpg.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp mpg.yml "$work/"
cd "$work"
for week in $(seq 0 52); do
  mkdir -p "run-$week"
  successes=$(( (7500 - 30 * week) * 2 ))   # round((0.75 - 0.003 week) * 20000)
  printf 'model,benchmark,n,successes\nassistant,reasoning,20000,%d\nassistant,knowledge,20000,%d\n' "$successes" "$successes" > "run-$week/scores.csv"
done
at() { echo $(( $(date -u -d 2026-01-05T09:00:00Z +%s) + 7 * 86400 * $1 )); }
SOURCE_DATE_EPOCH=$(at 0) mpg score -i run-0/scores.csv -o week0.json >/dev/null
SOURCE_DATE_EPOCH=$(at 0) mpg history record --scorecard week0.json --branch main --commit week00 >/dev/null
for week in $(seq 1 52); do
  code=0
  SOURCE_DATE_EPOCH=$(at "$week") mpg gate -i "run-$week/scores.csv" --record --branch main --commit "$(printf 'week%02d' "$week")" \
    --json "verdict-$week.json" >/dev/null 2>&1 || code=$?
  printf 'week %2d: exit %d  %s\n' "$week" "$code" "$(grep -o '"verdict": "[a-z]*"' "verdict-$week.json" | head -1)"
done
mpg history chart --node goodness --limit 53 -o "$root/docs/images" >/dev/null
for f in goodness.png goodness.svg; do mv "$root/docs/images/$f" "$root/docs/images/drift-slide-$f"; done
echo "charts: docs/images/drift-slide-goodness.png, .svg"

#!/usr/bin/env bash
# What the MpgGate target adds to a `dotnet build` whose inputs did not change (budget: ≤ 100 ms); see docs/PERFORMANCE.md.
# Packs Mpg.Gate.MSBuild from this clone, restores a consumer of it (examples/lm-eval's policy, baseline and runs), builds
# it once with the gate (which runs it and stamps it), then times incremental builds with the gate enabled (its target
# finds its inputs unchanged and is skipped) and disabled, interleaved: hyperfine if present, else N runs each and medians.
# Usage: bench/msbuild-nochange/run.sh     (RUNS=N, default 10; MPG_BENCH_DIR for the work folder;
#        MPG_NATIVE_CLI_DIR=DIR packs DIR/RID/ as the native CLIs, as .ci/run's package does)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${MPG_BENCH_DIR:-${TMPDIR:-/tmp}/mpg-bench-msbuild-nochange}
runs=${RUNS:-10}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
rm -rf "$work" && mkdir -p "$work"
native=()
if [ -n "${MPG_NATIVE_CLI_DIR:-}" ]; then native=("-p:MpgNativeCliDirectory=$MPG_NATIVE_CLI_DIR"); fi
dotnet pack "$repo/src/Mpg.Gate.MSBuild" -c Release -o "$work/feed" --artifacts-path "$work/build" "${native[@]}" > "$work/pack.log" 2>&1
version=$(basename "$(ls "$work"/feed/Mpg.Gate.MSBuild.*.nupkg)" .nupkg); version=${version#Mpg.Gate.MSBuild.}

consumer=$work/consumer
mkdir -p "$consumer/app"
cp -r "$repo/examples/lm-eval/." "$consumer/"
rm -rf "$consumer/artifacts"
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><clear /><add key="mpg" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="mpg"><package pattern="Mpg.Gate.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
printf 'namespace Consumer;\n\npublic static class Marker\n{\n}\n' > "$consumer/app/Marker.cs"
cat > "$consumer/app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Mpg.Gate.MSBuild" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cd "$consumer/app"
build() { dotnet build --no-restore -nodeReuse:false -p:UseSharedCompilation=false -p:MpgGateEnabled="$1" "${@:2}"; }
dotnet restore > "$work/restore.log" 2>&1
# The gate runs once (and stamps), then both arms build once more to settle; neither may have anything left to do.
build true -v:n > "$work/first.log" 2>&1
build false > /dev/null 2>&1
build true -v:n > "$work/check.log" 2>&1
grep -q 'Skipping target "_MpgGateRun"' "$work/check.log" || { echo "the gate did not skip its run on unchanged inputs; see $work/check.log" >&2; exit 1; }
grep -q 'Skipping target "CoreCompile"' "$work/check.log" || { echo "the consumer compiled again; see $work/check.log" >&2; exit 1; }
cli=$(grep -o '[^ ]*tools/[a-z]*/[^ ]*mpg[.a-z]*' "$work/first.log" | head -1 || true)

echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%FT%TZ); dotnet $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine > /dev/null; then
  hyperfine -w 2 -r "$runs" \
    -n enabled "dotnet build --no-restore -nodeReuse:false -p:UseSharedCompilation=false -p:MpgGateEnabled=true" \
    -n disabled "dotnet build --no-restore -nodeReuse:false -p:UseSharedCompilation=false -p:MpgGateEnabled=false"
else
  : > "$work/enabled.ms"; : > "$work/disabled.ms"
  for i in $(seq "$runs"); do
    for arm in true false; do
      start=$(date +%s%N); build "$arm" > /dev/null 2>&1; end=$(date +%s%N)
      echo $(( (end - start) / 1000000 )) >> "$work/$([ "$arm" = true ] && echo enabled || echo disabled).ms"
    done
  done
  median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
  on=$(median "$work/enabled.ms"); off=$(median "$work/disabled.ms")
  echo "enabled  (gate skipped, inputs unchanged): median ${on} ms of $runs: $(sort -n "$work/enabled.ms" | tr '\n' ' ')"
  echo "disabled (no gate):                        median ${off} ms of $runs: $(sort -n "$work/disabled.ms" | tr '\n' ' ')"
  echo "the gate adds: $(awk -v a="$on" -v b="$off" 'BEGIN {print a - b}') ms (difference of medians; budget 100 ms)"
fi
# MSBuild's own account of the gate's targets in one more no-change build (their time, not the build's).
build true -clp:PerformanceSummary > "$work/summary.log" 2>&1
echo "the gate's targets in a no-change build (MSBuild performance summary; CLI the first build ran: ${cli:-?}):"
grep -E '^ +[0-9]+ ms +_?Mpg[A-Za-z]* ' "$work/summary.log" || true

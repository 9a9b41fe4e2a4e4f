#!/usr/bin/env bash
# The device side of scripts/device-check: proves the CUDA backend on a GPU machine with what .device/ holds (the .NET runtime,
# the tests with sc.dll, NVRTC, perhaps ffmpeg) and nothing else. Run from the repository root:
#   OUT=/some/folder bash scripts/device-check.d/run.sh
# Each step has its own timeout and the whole a budget (DEVICE_CHECK_BUDGET seconds, 450 by default: inside 8 minutes); a step
# that would not fit is skipped and said so. Every step's output is $OUT/<step>.txt and its one-line result is in $OUT/summary.txt.
# Exit code: 0 when every step passed, 3 when there is no GPU here (the steps before that ran), 1 when a step failed.
# DEVICE_CHECK_PAST_NO_GPU=1 goes on past "no GPU" (to try the later steps on a machine without one: the CUDA ones fail).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pack="$root/.device"
OUT="${OUT:?set OUT to the folder the results go to}"
mkdir -p "$OUT"
budget="${DEVICE_CHECK_BUDGET:-450}"
deadline=$((SECONDS + budget))
summary="$OUT/summary.txt"
: > "$summary"
failed=0

say() { echo "$*" | tee -a "$summary"; }

# step NAME SECONDS COMMAND...: runs COMMAND with its own timeout (cut to what the budget has left), output to $OUT/NAME.txt.
step() {
  local name="$1" limit="$2"
  shift 2
  local left=$((deadline - SECONDS - 5))
  if (( left < 10 )); then
    say "$(printf '%-22s SKIPPED: the budget of %ss is spent' "$name" "$budget")"
    return 124
  fi
  (( limit > left )) && limit=$left
  local start=$SECONDS
  # Through bash, so COMMAND may be one of the functions below (exported with the variables they use).
  timeout --kill-after=10 "$limit" bash -c '"$@"' "$name" "$@" > "$OUT/$name.txt" 2>&1
  local rc=$?
  local last
  last="$(grep -v '^\s*$' "$OUT/$name.txt" | tail -n 1 | cut -c1-150)"
  (( rc == 124 || rc == 137 )) && last="TIMED OUT after ${limit}s; $last"
  say "$(printf '%-22s rc %-3s %4ss  %s' "$name" "$rc" "$((SECONDS - start))" "$last")"
  (( rc != 0 )) && failed=1
  return $rc
}

say "device-check on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ), budget ${budget}s"
[[ -f "$pack/MANIFEST" ]] || { say "no pack: run scripts/device-check on a machine with the .NET SDK first, and carry .device"; exit 1; }
sed 's/^/  pack: /' "$pack/MANIFEST" | tee -a "$summary"

# Unpack into a private folder: the runtime, the tests (with sc.dll), NVRTC (found after any toolkit of the machine's own), ffmpeg and ffprobe.
work="$(mktemp -d "${TMPDIR:-/tmp}/sc-device.XXXXXX")"
# Removed however this ends: a failed step's exit, the end, or Ctrl+C / SIGTERM (turned into exits, so the trap runs).
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
unpack() {
  mkdir -p "$work/dotnet" "$work/app" "$work/nvrtc" "$work/bin" &&
    tar -C "$work/dotnet" -xJf "$pack/dotnet.tar.xz" &&
    tar -C "$work/app" -xJf "$pack/app.tar.xz" &&
    { [[ ! -f "$pack/nvrtc.tar.xz" ]] || tar -C "$work/nvrtc" -xJf "$pack/nvrtc.tar.xz"; } &&
    { [[ ! -f "$pack/ffmpeg.tar.xz" ]] || tar -C "$work/bin" -xJf "$pack/ffmpeg.tar.xz"; } &&
    ls -la "$work/dotnet/shared/Microsoft.NETCore.App" "$work/nvrtc"
}
export work pack
export -f unpack
step unpack 90 unpack || exit 1
export DOTNET_ROOT="$work/dotnet" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
export PATH="$work/dotnet:$work/bin:$PATH"
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$work/nvrtc"
export SC_CACHE_DIR="$work/cache"
app="$work/app"
sc() { dotnet "$app/sc.dll" "$@"; }
tests() { dotnet "$app/ScriptComposer.Tests.dll" "$@"; }
export app
export -f sc tests

# Without a GPU: the packed runtime starts sc and the packed tests run (what a dry run proves).
step runtime 60 sc --help || exit 1
step tests-no-gpu 120 tests KernelTargetTests LayerKernelTests.Every_entry_point_takes_eight_parameters_however_many_layers CudaBackendTests.Fill_agrees_with_cpu
step doctor-cold 150 sc doctor --verbose
if ! command -v nvidia-smi >/dev/null || ! step nvidia-smi 30 nvidia-smi || ! grep -q "^--backend auto: backend cuda" "$OUT/doctor-cold.txt"; then
  why="$(grep -h -m1 '^--backend auto:' "$OUT/doctor-cold.txt" 2>/dev/null)"
  command -v nvidia-smi >/dev/null || why="no nvidia-smi; $why"
  say "no GPU here: ${why:-sc doctor did not say why}"
  if [[ "${DEVICE_CHECK_PAST_NO_GPU:-0}" != 1 ]]; then
    say "stopping: every step after this one needs a GPU"
    exit 3
  fi
  say "going on all the same (DEVICE_CHECK_PAST_NO_GPU=1: to try the steps below; those that need CUDA fail)"
fi

# With a GPU, most telling first, so a budget cut loses the least.
step tests-cuda 240 tests CudaBackendTests CudaDeviceTests
step bench-cuda-1080p 60 sc bench --backend cuda --size 1920x1080
step tests-cuda-sync 60 env SC_CUDA_SYNC=1 "$(command -v dotnet)" "$app/ScriptComposer.Tests.dll" CudaDeviceTests.Three_hundred_layers_render_as_on_the_cpu
step bench-cuda-4k 60 sc bench --backend cuda --size 3840x2160
step bench-cpu-1080p 60 sc bench --backend cpu --size 1920x1080
step doctor-warm 60 sc doctor --verbose

# Renders through the encoder, timed, where there is an ffmpeg (packed with --ffmpeg, or the machine's own).
if command -v ffmpeg >/dev/null; then
  export SC_FFMPEG_DIR="$(dirname "$(command -v ffmpeg)")"
  cat > "$work/e2e.csx" <<'CSX'
var sky = Gradient.Linear(1920, 1080, (0, 0), (0, 1080), "#1e3c72", "#2a5298");
var card = Color(600, 340, "#ffcc00").Opacity(0.8).WithDuration(6).FadeIn(1).FadeOut(1).At(t => (1200 - 90 * t, 450));
var band = Color(1920, 160, "white").Opacity(0.6).WithDuration(6).FadeIn(0.5).At(t => (0, 860 - 40 * t));
Render(Composite(1920, 1080, sky, card, band).WithDuration(6), Args.Get("out", "e2e.mp4"), fps: 30, preset: "ultrafast");
CSX
  step e2e-cuda 60 sc render "$work/e2e.csx" --backend cuda --verbose --set "out=$work/e2e-cuda.mp4"
  step e2e-cpu 60 sc render "$work/e2e.csx" --backend cpu --verbose --set "out=$work/e2e-cpu.mp4"
  # Past one process (issue 16): a 60 s 1080p composition as one process and as 8 and 16 worker processes on this machine's
  # cores (CPU backend: what the chunks win from the cores alone); the summary's seconds are the figures.
  cat > "$work/jobs.csx" <<'CSX'
var sky = Gradient.Linear(1920, 1080, (0, 0), (0, 1080), "#1e3c72", "#2a5298");
var card = Color(600, 340, "#ffcc00").Opacity(0.8).WithDuration(60).FadeIn(5).FadeOut(5).At(t => (1250 - 20 * t, 450));
var band = Color(1920, 160, "white").Opacity(0.6).WithDuration(60).FadeIn(2).At(t => (0, 900 - 10 * t));
Render(Composite(1920, 1080, sky, card, band).WithDuration(60), Args.Get("out", "jobs.mp4"), fps: 30, preset: "ultrafast");
CSX
  nproc > "$OUT/nproc.txt"
  step jobs-1 150 sc render "$work/jobs.csx" --backend cpu --set "out=$work/jobs-1.mp4"
  step jobs-8 90 sc render "$work/jobs.csx" --backend cpu --jobs 8 --set "out=$work/jobs-8.mp4"
  step jobs-16 90 sc render "$work/jobs.csx" --backend cpu --jobs 16 --set "out=$work/jobs-16.mp4"
else
  say "e2e renders: skipped (no ffmpeg here; pack it with scripts/device-check --ffmpeg where it fits)"
fi

if command -v compute-sanitizer >/dev/null; then
  step compute-sanitizer 120 compute-sanitizer --tool memcheck --error-exitcode 9 \
    "$(command -v dotnet)" "$app/ScriptComposer.Tests.dll" CudaDeviceTests.Three_hundred_layers_render_as_on_the_cpu
else
  say "compute-sanitizer: not on this machine"
fi

ls -la "$SC_CACHE_DIR/kernels" > "$OUT/kernel-cache.txt" 2>&1
say "done in $((SECONDS))s; $( ((failed)) && echo 'some steps FAILED' || echo 'every step passed')"
exit $((failed))

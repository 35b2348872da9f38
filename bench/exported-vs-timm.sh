#!/usr/bin/env bash
# Exports Swin-T, FocalNet-T (LRF) and ConvNeXt-T and times their training steps against timm's models in
# the same process (issue 14's GPU comparison; runs on CPU too, slowly). Options go to exported_vs_timm.py:
#
#   bench/exported-vs-timm.sh [--device cuda] [--batch 128] [--steps 30] [--amp bf16] [--channels-last]
#
# Needs python3 with torch (and timm for the reference side); PYTHON picks the interpreter.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python=${PYTHON:-/usr/bin/python3}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in swin-tiny focalnet-tiny-lrf convnext-tiny; do
  "$root/workbench" export pytorch "$t" --weights none --out "$work/$t" >/dev/null
done
"$python" "$here/exported_vs_timm.py" "$work/swin-tiny:swin_tiny_patch4_window7_224" \
  "$work/focalnet-tiny-lrf:focalnet_tiny_lrf" "$work/convnext-tiny:convnext_tiny" "$@"

#!/usr/bin/env bash
# Training speed of the workbench (DJL) against PyTorch on the same network, side by side.
#
#   bench/train-vs-pytorch.sh [DESIGN] [--rounds 3] [--batch 128] [--warmup 8] [--steps 40] [--threads 2]
#                             [--modes "fp32 fp32-cl bf16-autocast"] [--out results.jsonl]
#
# DESIGN: resnet-fmnist (default) or bench/fmnist-cnn.json (the reference document's CNN). Each round
# runs every mode once on each side, PyTorch and Java alternating (which goes first alternates by
# round), so a busy spell of a shared host hits both. Both run with the same threads, batch, data,
# optimizer (SGD, Nesterov 0.9, weight decay 5e-4, label smoothing 0.1) and allocator (tcmalloc
# preloaded on both sides when installed: the workbench launcher does it for Java). Prints images/s per
# side and mode (median and range over the rounds; warm-up steps are never timed) and the ratios of
# issue 12: DJL fp32 / PyTorch fp32 (target >= 1.0) and DJL fastest / PyTorch fastest (target >= 0.9).
# Needs /usr/bin/python3 with torch (Debian: python3-torch).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

design=resnet-fmnist
rounds=3 batch=128 warmup=8 steps=40 threads=2
modes="fp32 fp32-cl bf16-autocast"
out=""
python=${PYTHON:-/usr/bin/python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "train-vs-pytorch.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) design=$1; shift ;;
  esac
done

network=$(basename "$design" .json)
case "$network" in
  resnet-fmnist|fmnist-cnn) ;;
  *) echo "train-vs-pytorch.sh: no PyTorch network for '$design' (resnet-fmnist, bench/fmnist-cnn.json)" >&2; exit 2 ;;
esac
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "train-vs-pytorch.sh: $python cannot import torch (Debian: apt-get install python3-torch)" >&2
  exit 1
fi
if [ -z "$out" ]; then
  out=$(mktemp "${TMPDIR:-/tmp}/train-vs-pytorch.XXXXXX.jsonl")
fi
: > "$out"

# The same allocator for PyTorch as the launcher gives Java (see the workbench script).
tcmalloc=""
for f in /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4 \
         /usr/lib64/libtcmalloc_minimal.so.4 /usr/lib/libtcmalloc_minimal.so.4; do
  if [ -f "$f" ]; then tcmalloc=$f; break; fi
done

echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs;" \
     "flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512_vnni|avx512_bf16|amx_bf16|amx_tile)$' | tr '\n' ' ')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); results in $out"
(cd "$root" && ./workbench --version >/dev/null)   # builds the app first if needed, outside the timing

run_pytorch() {
  local line
  if line=$(LD_PRELOAD="${tcmalloc}${LD_PRELOAD:+:$LD_PRELOAD}" "$python" "$here/pytorch_train.py" "$network" \
            --mode "$1" --batch "$batch" --warmup "$warmup" --steps "$steps" --threads "$threads" 2>/dev/null); then
    echo "{\"side\": \"pytorch\", \"round\": $2, \"result\": $line}" >> "$out"
    echo "  round $2 pytorch $1: $(echo "$line" | "$python" -c 'import json,sys; print("%.0f img/s" % json.load(sys.stdin)["imagesPerSecond"])')"
  else
    echo "{\"side\": \"pytorch\", \"round\": $2, \"mode\": \"$1\", \"failed\": true}" >> "$out"
    echo "  round $2 pytorch $1: failed"
  fi
}

run_djl() {
  local line
  if line=$(cd "$root" && ./workbench bench train "$design" --mode "$1" --batch "$batch" --warmup "$warmup" \
            --steps "$steps" --threads "$threads" --json 2>/dev/null); then
    echo "{\"side\": \"djl\", \"round\": $2, \"result\": $line}" >> "$out"
    echo "  round $2 djl     $1: $(echo "$line" | "$python" -c 'import json,sys; print("%.0f img/s" % json.load(sys.stdin)["imagesPerSecond"])')"
  else
    echo "{\"side\": \"djl\", \"round\": $2, \"mode\": \"$1\", \"failed\": true}" >> "$out"
    echo "  round $2 djl     $1: failed"
  fi
}

for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds"
  for m in $modes; do
    if [ $((r % 2)) = 1 ]; then run_pytorch "$m" "$r"; run_djl "$m" "$r"; else run_djl "$m" "$r"; run_pytorch "$m" "$r"; fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" "$here/summarize_train.py" "$out"

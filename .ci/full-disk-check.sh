#!/usr/bin/env bash
# Integration check (issue 4, bad input): a disk that fills up while a checkpoint is being written gives one
# clear error line naming the file, and leaves no checkpoint folder and no temporary folder behind.
# Needs a 1 MB tmpfs, so root; says plainly when it cannot mount one instead of passing silently.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mnt=$(mktemp -d /tmp/t4j-full-disk.XXXXXX)
if ! mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
    echo "full-disk check: NOT RUN: cannot mount a 1 MB tmpfs here (needs root)"
    rmdir "$mnt"
    exit 0
fi
trap 'umount "$mnt"; rmdir "$mnt"' EXIT
data=$(mktemp /tmp/t4j-full-disk-text.XXXXXX)
python3 - "$data" <<'PY' || for i in $(seq 400); do echo "the king and the queen of a night of the king"; done > "$data"
import random, sys
random.seed(1)
words = ["the", "king", "and", "queen", "of", "a", "night"]
open(sys.argv[1], "w").write("\n".join(" ".join(random.choice(words) for _ in range(12)) for _ in range(400)))
PY
err=$(./t4j train causal-lm --data "$data" --out "$mnt/run" --layers 2 --hidden 64 --heads 2 --context 32 \
      --batch-size 4 --steps 10 --save-steps 5 --eval-every 5 --eval-batches 1 2>&1 >/dev/null)
code=$?
rm -f "$data"
last=$(printf '%s\n' "$err" | grep -v '^INFO\|^WARNING' | tail -n 1)
fail() { echo "full-disk check: FAILED: $1"; printf '%s\n' "$err"; exit 1; }
[ "$code" -eq 2 ] || fail "expected exit code 2, got $code"
[[ "$last" == *"No space left on device"* && "$last" == *"checkpoint-5"* ]] || fail "the error does not name the checkpoint and the cause"
[ "$(printf '%s\n' "$err" | grep -c 'at dev\.transformers4j')" -eq 0 ] || fail "a stack trace was printed"
ls -A "$mnt/run" | grep -q 'checkpoint' && fail "a checkpoint or temporary folder was left: $(ls -A "$mnt/run")"
echo "full-disk check: ok ($last)"

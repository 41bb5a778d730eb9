#!/usr/bin/env bash
# Run nlsh through the shared execution-based eval (../shared/eval/README.md) and report.
#
#   bench/eval.sh [--model PATH|URL|none] [--out FILE] [score.py options: --ids, --category, --sample N ...]
#
# Every request runs as `.venv/bin/nlsh -c {nl} --yes --json` in a fresh fixture, inside the
# scorer's bubblewrap sandbox, with NLSH_HOME in a temporary folder (kept writable with --rw).
# Prints the per-category table (strict and lenient) and the share of requests the fast path
# planned without the model.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${NLSH_EVAL_DIR:-../shared/eval}
OUT=/tmp/nlsh-eval-$$.jsonl
MODEL=""
ARGS=()
while (($#)); do
  case "$1" in
    --model) MODEL=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
export NLSH_HOME=${NLSH_HOME:-$(mktemp -d /tmp/nlsh-eval-home.XXXXXX)}
# Run a snapshot of the package, so that edits made while the eval runs do not mix in.
SNAPSHOT=$(mktemp -d /tmp/nlsh-eval-code.XXXXXX)
cp -r nlsh "$SNAPSHOT/"
export PYTHONPATH=$SNAPSHOT
SYSTEM=".venv/bin/nlsh -c {nl} --yes --json"
[[ -n $MODEL ]] && SYSTEM="$SYSTEM --model $(printf %q "$MODEL")"
SYSTEM="$PWD/$SYSTEM"
python3 "$EVAL/score.py" --items "$EVAL/items_dev.jsonl" --jobs "${JOBS:-2}" --no-net \
  --system "$SYSTEM" --rw "$NLSH_HOME" --pass-env NLSH_HOME PYTHONPATH --out "$OUT" --quiet "${ARGS[@]}"
python3 "$EVAL/report.py" "nlsh=$OUT"
python3 bench/eval_sources.py "$OUT" "$NLSH_HOME" "$EVAL/items_dev.jsonl"
echo "results: $OUT   NLSH_HOME: $NLSH_HOME   code: $SNAPSHOT"

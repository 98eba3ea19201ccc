#!/bin/sh
# The credit-default model from the raw file, through the product's own path:
#   import (converter -> accounts/invoices/payments CSV import) -> export-training-set (feature builder on
#   the stored histories) -> train.py (XGBoost -> ONNX, node covers, card) -> drift reference -> evaluation
#   of the new model on its held-out clients.
# The database is the CLI's: DATABASE_URL (PostgreSQL) or KPILENS_DATA_DIR (embedded PGlite).
#
# Usage: training/credit-default-pipeline.sh CSV MODEL_DIR [ORG]
#   e.g. DATABASE_URL=postgres://... training/credit-default-pipeline.sh \
#          ../shared/data/credit-default/uci_credit_card.csv models/credit-default/v1
set -eu
if [ $# -lt 2 ]; then
  echo "usage: $0 CSV MODEL_DIR [ORG]" >&2
  exit 2
fi
CSV=$1
OUT=$2
ORG=${3:-credit-default}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KPILENS="node $ROOT/exporter/bin/kpilens.js"
PYTHON=/usr/bin/python3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ms() { date +%s%3N; }
seconds() { echo "$(( $2 - $1 ))" | awk '{ printf "%.3f", $1 / 1000 }'; }

t0=$(ms)
$KPILENS ml import-credit-default "$CSV" --org "$ORG"
t1=$(ms)
$KPILENS ml export-training-set --org "$ORG" --due-after 2005-10-01 --out "$WORK/train.csv"
t2=$(ms)
PIPELINE=$(printf '{"steps":[{"command":"kpilens ml import-credit-default %s --org %s","seconds":%s},{"command":"kpilens ml export-training-set --org %s --due-after 2005-10-01 --out train.csv","seconds":%s}]}' \
  "$(basename "$CSV")" "$ORG" "$(seconds "$t0" "$t1")" "$ORG" "$(seconds "$t1" "$t2")")
$PYTHON "$ROOT/training/train.py" --training-set "$WORK/train.csv" --out "$OUT" --pipeline "$PIPELINE"
$KPILENS ml drift-reference --training-set "$WORK/train.csv" --model "$OUT"
# Repository JSON style (the files are regenerated, never edited by hand).
OUT_ABS=$(cd "$OUT" && pwd)
(cd "$ROOT" && npx prettier --log-level warn --write "$OUT_ABS/*.json")
t3=$(ms)
echo "pipeline before evaluation: $(seconds "$t0" "$t3") s"
$KPILENS ml evaluate --credit-default "$CSV" --model "$OUT" --held-out

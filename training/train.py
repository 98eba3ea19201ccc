#!/usr/bin/python3
"""Trains the payment-risk classifier on a training set exported by `kpilens ml export-training-set`.

Run with Debian's interpreter (python3-xgboost, python3-onnx, python3-sklearn, python3-pandas);
training/credit-default-pipeline.sh runs it after the import and the export:
    /usr/bin/python3 training/train.py --training-set /tmp/credit-default-train.csv \
        --out models/credit-default/v1
Writes model.onnx, trees.json, features.json, card.md/json, parity.json and split.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_card import write_card  # noqa: E402
from xgb_to_onnx import ensemble_from_booster, ensemble_to_onnx, predict_margin, trees_json  # noqa: E402

LABEL = "on_time"
ID = "account_id"
PARAMS = {
    "objective": "binary:logistic",
    "eval_metric": "logloss",
    "tree_method": "hist",
    "max_depth": 3,
    "learning_rate": 0.03,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "min_child_weight": 5,
    "nthread": 2,
}
MAX_ROUNDS = 2000
EARLY_STOPPING = 100
ECE_BINS = 10


def ece(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error over equal-width bins, weighted by rows (as exporter/src/ml/evaluate.ts)."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(total)


def calibration(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> list[dict]:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        if m.any():
            out.append(
                {
                    "from": b / bins,
                    "to": (b + 1) / bins,
                    "rows": int(m.sum()),
                    "predicted": float(p[m].mean()),
                    "observed": float(y[m].mean()),
                }
            )
    return out


def metrics(p: np.ndarray, y: np.ndarray) -> dict:
    return {
        "rows": int(len(y)),
        "auc": float(roc_auc_score(y, p)),
        "brier": float(brier_score_loss(y, p)),
        "ece": ece(p, y),
        "log_loss": float(log_loss(y, p)),
    }


def parity_rows(X_test: np.ndarray, ens, rng: np.random.Generator, plain: int, with_nan: int, on_threshold: int):
    """Held-out rows as they are, with missing values, and with values exactly on split thresholds."""
    rows = [X_test[i].copy() for i in range(plain)]
    kinds = ["heldout"] * plain
    for i in range(with_nan):
        r = X_test[plain + i].copy()
        r[rng.random(r.shape[0]) < 0.3] = np.nan
        rows.append(r)
        kinds.append("missing")
    all_nan = np.full(X_test.shape[1], np.nan, dtype=np.float32)
    rows.append(all_nan)
    kinds.append("all_missing")
    splits = [(t.feature[n], t.threshold[n]) for t in ens.trees for n in range(len(t.left)) if not t.is_leaf(n)]
    for i in range(on_threshold):
        r = X_test[plain + with_nan + i].copy()
        for j in rng.choice(len(splits), size=6, replace=False):
            f, thr = splits[j]
            r[f] = np.float32(thr)
        rows.append(r)
        kinds.append("on_threshold")
    return np.vstack(rows).astype(np.float32), kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--training-set", required=True, help="CSV from `kpilens ml export-training-set`")
    ap.add_argument("--out", required=True, help="model folder, e.g. models/credit-default/v1")
    ap.add_argument("--name", default="credit-default")
    ap.add_argument("--version", default=None, help="defaults to the out folder's name")
    ap.add_argument("--seed", type=int, default=20051001)
    ap.add_argument(
        "--pipeline",
        default=None,
        help='JSON {"steps": [{"command": ..., "seconds": ...}]} of the steps before training, for the card',
    )
    args = ap.parse_args()
    started = time.monotonic()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    version = args.version or out.name

    data = pd.read_csv(args.training_set, dtype={ID: str})
    features = [c for c in data.columns if c not in (ID, LABEL)]
    X = data[features].to_numpy(dtype=np.float32)
    y = data[LABEL].to_numpy(dtype=np.int32)
    ids = data[ID].to_numpy()

    if len(set(ids)) != len(ids):
        raise SystemExit("one row per account expected (export with --due-after): a row split must be a client split")
    # One row per client: a row split is a client split. 70% train, 15% validation, 15% test.
    idx = np.arange(len(y))
    rest, test = train_test_split(idx, test_size=0.15, random_state=args.seed, stratify=y)
    train, valid = train_test_split(rest, test_size=0.15 / 0.85, random_state=args.seed, stratify=y[rest])
    dtrain = xgb.DMatrix(X[train], label=y[train], feature_names=features, missing=np.nan)
    dvalid = xgb.DMatrix(X[valid], label=y[valid], feature_names=features, missing=np.nan)
    booster = xgb.train(
        {**PARAMS, "seed": args.seed},
        dtrain,
        num_boost_round=MAX_ROUNDS,
        evals=[(dvalid, "valid")],
        early_stopping_rounds=EARLY_STOPPING,
        verbose_eval=False,
    )
    booster = booster[: booster.best_iteration + 1]  # keep only the trees early stopping chose

    def predict(rows: np.ndarray, **kw) -> np.ndarray:
        return booster.predict(xgb.DMatrix(rows, feature_names=features, missing=np.nan), **kw)

    split_metrics = {name: metrics(predict(X[s]), y[s]) for name, s in (("train", train), ("valid", valid), ("test", test))}
    p_test = predict(X[test])

    ens = ensemble_from_booster(booster)
    rng = np.random.default_rng(args.seed)
    P, kinds = parity_rows(X[test], ens, rng, plain=150, with_nan=25, on_threshold=25)
    margins = predict(P, output_margin=True)
    walked = predict_margin(ens, P)
    worst = float(np.max(np.abs(walked - margins)))
    if worst > 1e-5:
        raise SystemExit(f"exported trees disagree with XGBoost by {worst} in margin")

    doc = f"{args.name} {version}: probability that the next invoice is paid on time"
    model = ensemble_to_onnx(ens, features, doc)
    (out / "model.onnx").write_bytes(model.SerializeToString())
    (out / "trees.json").write_text(json.dumps(trees_json(ens, features), separators=(",", ":")) + "\n")
    (out / "features.json").write_text(
        json.dumps({"features": features, "label": LABEL, "input": "features", "outputs": ["margin", "probability"]}, indent=2)
        + "\n"
    )
    contribs = predict(P, pred_contribs=True)
    nan_to_none = lambda row: [None if math.isnan(v) else float(v) for v in row]  # noqa: E731
    parity = {
        "features": features,
        "tolerance": {"probability": 1e-5, "contribution": 1e-4},
        "rows": [
            {
                "kind": k,
                "x": nan_to_none(P[i]),
                "margin": float(margins[i]),
                "probability": float(1 / (1 + math.exp(-margins[i]))),
                "contribs": [float(v) for v in contribs[i]],
            }
            for i, k in enumerate(kinds)
        ],
    }
    (out / "parity.json").write_text(json.dumps(parity, separators=(",", ":")) + "\n")
    (out / "split.json").write_text(json.dumps({"seed": args.seed, "test_ids": [str(v) for v in ids[test]]}) + "\n")

    gain = booster.get_score(importance_type="gain")
    card = {
        "name": args.name,
        "version": version,
        "purpose": (
            "Probability that an account pays its next invoice on time, from the account's invoice and "
            "payment history over the last 30, 60 and 90 days. Used for risk levels, expected payment dates "
            "and TreeSHAP explanations in KPI Lens."
        ),
        "output": {"probability": "P(next invoice paid on time)", "label": LABEL},
        "data": {
            "description": (
                "UCI 'default of credit card clients' (Yeh and Lien 2009, CC BY 4.0), 24,000 clients of a "
                "Taiwanese bank, April-September 2005, converted by exporter/src/ml/credit-default.ts to "
                "accounts, monthly invoices and payments (repayment status -> days late; a client who did not "
                "default pays the September statement in October), imported through the CSV import "
                "(`kpilens ml import-credit-default`) and read back from the database by "
                "`kpilens ml export-training-set --due-after 2005-10-01`: one row per client whose September "
                "statement asks for a payment, label = paid by its due date (no October default). "
                "Sex, education, marriage and age are never read."
            ),
            "rows": int(len(y)),
            "positive_rate": float(y.mean()),
            "seed": args.seed,
            "split": {"train": len(train), "valid": len(valid), "test": len(test)},
            "as_of": "2005-10-01",
        },
        "features": features,
        "feature_gain": {k: float(v) for k, v in gain.items()},
        "training": {
            "xgboost": xgb.__version__,
            "params": PARAMS,
            "early_stopping_rounds": EARLY_STOPPING,
            "trees": len(ens.trees),
            "base_margin": ens.base_margin,
        },
        "metrics": split_metrics,
        "calibration": calibration(p_test, y[test]),
        "parity": (
            f"{len(kinds)} rows in parity.json (held-out, with missing values, all missing, values on split "
            f"thresholds): the exported trees reproduce XGBoost's margin within {worst:.2e}; the ONNX model "
            "and the TypeScript TreeSHAP are checked against them by the exporter's tests."
        ),
        "limits": [
            "Trained on consumer credit-card statements from one bank in 2005; for business invoices it is a "
            "starting point, to be retrained on the product's own history (same features, same export).",
            "Every client has the same tenure and as-of date here, so tenure_days carries no signal.",
            "Clients whose September statement is zero or a credit owe nothing in October: they are no outcome "
            "rows, although some of them defaulted (the data does not say on what).",
            "The statuses give months behind, not days: days late are multiples of about 30.",
        ],
    }
    steps = json.loads(args.pipeline)["steps"] if args.pipeline else []
    steps.append(
        {"command": f"/usr/bin/python3 training/train.py --training-set ... --out {args.out}", "seconds": time.monotonic() - started}
    )
    card["pipeline"] = steps
    write_card(out, card)
    t = split_metrics["test"]
    print(json.dumps({"trees": len(ens.trees), "test": t, "parity_margin_max_abs": worst}))


if __name__ == "__main__":
    main()

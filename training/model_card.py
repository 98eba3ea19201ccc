"""Model card: what a model was trained on, how well it does and where it should not be used."""

from __future__ import annotations

import json
from pathlib import Path


def _fmt(v: float) -> str:
    return f"{v:.4f}"


def card_markdown(card: dict) -> str:
    m = card["metrics"]["test"]
    lines = [
        f"# Payment-risk model `{card['name']}` {card['version']}",
        "",
        card["purpose"],
        "",
        "## Output",
        "",
        f"`probability`: {card['output']['probability']}. `margin`: its log-odds.",
        "",
        "## Data",
        "",
        card["data"]["description"],
        "",
        f"- rows: {card['data']['rows']} ({card['data']['positive_rate']:.3f} paid on time)",
        f"- split by client, stratified, seed {card['data']['seed']}: "
        + ", ".join(f"{k} {v}" for k, v in card["data"]["split"].items()),
        f"- as-of date of every row: {card['data']['as_of']}",
        "",
        "## Features",
        "",
        "Built by `exporter/src/ml/features.ts` (the same builder serves the model). "
        "Demographic columns are never features.",
        "",
        "| # | feature | gain |",
        "|---|---|---|",
    ]
    gains = card["feature_gain"]
    for i, name in enumerate(card["features"]):
        lines.append(f"| {i} | `{name}` | {gains.get(name, 0.0):.2f} |")
    lines += [
        "",
        "## Training",
        "",
        f"XGBoost {card['training']['xgboost']} `binary:logistic`, early stopping on the validation split "
        f"after {card['training']['early_stopping_rounds']} rounds without improvement: "
        f"{card['training']['trees']} trees kept. Parameters: `{json.dumps(card['training']['params'])}`.",
        "",
        "## Metrics (held-out test clients)",
        "",
        "| split | rows | ROC-AUC | Brier | ECE (10 bins) | log loss |",
        "|---|---|---|---|---|---|",
    ]
    for split, s in card["metrics"].items():
        lines.append(
            f"| {split} | {s['rows']} | {_fmt(s['auc'])} | {_fmt(s['brier'])} | {_fmt(s['ece'])} | {_fmt(s['log_loss'])} |"
        )
    lines += [
        "",
        f"Goal: ROC-AUC >= 0.78 and ECE <= 0.02 on unseen clients: "
        f"{'met' if m['auc'] >= 0.78 and m['ece'] <= 0.02 else 'NOT met'}.",
        "",
        "## Calibration (test)",
        "",
        "| predicted | rows | mean predicted | observed on time |",
        "|---|---|---|---|",
    ]
    for b in card["calibration"]:
        lines.append(f"| {b['from']:.1f}-{b['to']:.1f} | {b['rows']} | {_fmt(b['predicted'])} | {_fmt(b['observed'])} |")
    if card.get("pipeline"):
        lines += ["", "## Pipeline (time taken)", "", "| step | seconds |", "|---|---|"]
        lines += [f"| `{s['command']}` | {s['seconds']:.1f} |" for s in card["pipeline"]]
    lines += ["", "## Parity", "", card["parity"], "", "## Limits", ""]
    lines += [f"- {item}" for item in card["limits"]]
    return "\n".join(lines) + "\n"


def write_card(out_dir: Path, card: dict) -> None:
    (out_dir / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    (out_dir / "card.md").write_text(card_markdown(card))

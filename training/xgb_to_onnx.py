"""XGBoost binary classifier -> ONNX, built with onnx.helper (onnxmltools is not packaged here).

The graph is TreeEnsembleRegressor (sum of leaf values = margin) followed by Sigmoid, with two
outputs: `margin` and `probability` (of the positive class), both [N, 1] float32.

XGBoost semantics kept exactly:
- a split sends x to the left ("yes") child when x < threshold: BRANCH_LT;
- thresholds and leaf values are float32 in XGBoost; they are written as float32 unchanged;
- a missing value (NaN) follows the node's default direction;
- base_score is a probability for binary:logistic, so the margin starts at logit(base_score).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper

INPUT_NAME = "features"
MARGIN_NAME = "margin"
PROBABILITY_NAME = "probability"


@dataclass
class Tree:
    left: list[int]
    right: list[int]
    feature: list[int]
    threshold: list[float]  # split threshold at inner nodes, leaf value at leaves
    default_left: list[bool]
    cover: list[float]

    def is_leaf(self, node: int) -> bool:
        return self.left[node] == -1


@dataclass
class Ensemble:
    trees: list[Tree]
    base_margin: float
    num_features: int


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def ensemble_from_booster(booster) -> Ensemble:
    """Reads the trees from XGBoost's own JSON model, which keeps float32 values exactly."""
    model = json.loads(booster.save_raw("json"))
    learner = model["learner"]
    objective = learner["objective"]["name"]
    if objective != "binary:logistic":
        raise ValueError(f"only binary:logistic is supported, not {objective}")
    params = learner["learner_model_param"]
    base_score = float(params["base_score"])
    trees = []
    for t in learner["gradient_booster"]["model"]["trees"]:
        if any(st != 0 for st in t["split_type"]):
            raise ValueError("categorical splits are not supported")
        trees.append(
            Tree(
                left=list(t["left_children"]),
                right=list(t["right_children"]),
                feature=list(t["split_indices"]),
                threshold=[float(np.float32(v)) for v in t["split_conditions"]],
                default_left=[bool(v) for v in t["default_left"]],
                cover=[float(v) for v in t["sum_hessian"]],
            )
        )
    return Ensemble(trees=trees, base_margin=logit(base_score), num_features=int(params["num_feature"]))


def ensemble_to_onnx(ens: Ensemble, feature_names: list[str], doc: str = "") -> onnx.ModelProto:
    if len(feature_names) != ens.num_features:
        raise ValueError(f"{len(feature_names)} feature names for a model of {ens.num_features} features")
    nodes: dict[str, list] = {
        k: []
        for k in (
            "treeids",
            "nodeids",
            "featureids",
            "values",
            "modes",
            "truenodeids",
            "falsenodeids",
            "missing_value_tracks_true",
        )
    }
    target: dict[str, list] = {k: [] for k in ("treeids", "nodeids", "ids", "weights")}
    for tid, tree in enumerate(ens.trees):
        for nid in range(len(tree.left)):
            nodes["treeids"].append(tid)
            nodes["nodeids"].append(nid)
            if tree.is_leaf(nid):
                nodes["featureids"].append(0)
                nodes["values"].append(0.0)
                nodes["modes"].append("LEAF")
                nodes["truenodeids"].append(0)
                nodes["falsenodeids"].append(0)
                nodes["missing_value_tracks_true"].append(0)
                target["treeids"].append(tid)
                target["nodeids"].append(nid)
                target["ids"].append(0)
                target["weights"].append(tree.threshold[nid])
            else:
                nodes["featureids"].append(tree.feature[nid])
                nodes["values"].append(tree.threshold[nid])
                nodes["modes"].append("BRANCH_LT")
                nodes["truenodeids"].append(tree.left[nid])
                nodes["falsenodeids"].append(tree.right[nid])
                nodes["missing_value_tracks_true"].append(int(tree.default_left[nid]))

    ensemble = helper.make_node(
        "TreeEnsembleRegressor",
        inputs=[INPUT_NAME],
        outputs=[MARGIN_NAME],
        domain="ai.onnx.ml",
        n_targets=1,
        aggregate_function="SUM",
        post_transform="NONE",
        base_values=[ens.base_margin],
        **{f"nodes_{k}": v for k, v in nodes.items()},
        **{f"target_{k}": v for k, v in target.items()},
    )
    sigmoid = helper.make_node("Sigmoid", inputs=[MARGIN_NAME], outputs=[PROBABILITY_NAME])
    graph = helper.make_graph(
        [ensemble, sigmoid],
        "xgboost_binary_classifier",
        inputs=[helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [None, ens.num_features])],
        outputs=[
            helper.make_tensor_value_info(MARGIN_NAME, TensorProto.FLOAT, [None, 1]),
            helper.make_tensor_value_info(PROBABILITY_NAME, TensorProto.FLOAT, [None, 1]),
        ],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)],
        producer_name="kpilens-training",
        doc_string=doc,
    )
    model.ir_version = 8
    helper.set_model_props(model, {"feature_names": json.dumps(feature_names)})
    onnx.checker.check_model(model)
    return model


def predict_margin(ens: Ensemble, X: np.ndarray) -> np.ndarray:
    """Plain tree walk with XGBoost's rules, to check the exported trees before any runtime sees them."""
    X = np.asarray(X, dtype=np.float32)
    out = np.full(X.shape[0], ens.base_margin, dtype=np.float64)
    for tree in ens.trees:
        for r in range(X.shape[0]):
            n = 0
            while not tree.is_leaf(n):
                v = X[r, tree.feature[n]]
                if np.isnan(v):
                    n = tree.left[n] if tree.default_left[n] else tree.right[n]
                else:
                    n = tree.left[n] if v < np.float32(tree.threshold[n]) else tree.right[n]
            out[r] += tree.threshold[n]
    return out


def trees_json(ens: Ensemble, feature_names: list[str]) -> dict:
    """What explanations need: each tree with covers, in arrays, for TreeSHAP in TypeScript."""
    return {
        "format": "kpilens-trees/1",
        "objective": "binary:logistic",
        "base_margin": ens.base_margin,
        "features": feature_names,
        "trees": [
            {
                "left": t.left,
                "right": t.right,
                "feature": t.feature,
                "threshold": [0.0 if t.is_leaf(n) else v for n, v in enumerate(t.threshold)],
                "value": [v if t.is_leaf(n) else 0.0 for n, v in enumerate(t.threshold)],
                "default_left": [int(v) for v in t.default_left],
                "cover": t.cover,
            }
            for t in ens.trees
        ],
    }

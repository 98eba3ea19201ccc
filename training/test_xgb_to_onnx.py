"""Checks of the XGBoost -> ONNX converter on a small model: run with
/usr/bin/python3 -m unittest discover -s training"""

import json
import math
import sys
import unittest
from pathlib import Path

import numpy as np
import onnx
import xgboost as xgb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_card import card_markdown  # noqa: E402
from xgb_to_onnx import ensemble_from_booster, ensemble_to_onnx, logit, predict_margin, trees_json  # noqa: E402


def small_booster(base_score=None):
    rng = np.random.default_rng(1)
    X = rng.random((400, 3)).astype(np.float32)
    X[rng.random(X.shape) < 0.1] = np.nan  # missing values must learn default directions
    y = ((np.nan_to_num(X[:, 0], nan=0.7) + 0.3 * np.nan_to_num(X[:, 1])) > 0.6).astype(int)
    params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "seed": 1}
    if base_score is not None:
        params["base_score"] = base_score
    return xgb.train(params, xgb.DMatrix(X, label=y, missing=np.nan), num_boost_round=8), X


class ConverterTest(unittest.TestCase):
    def test_walk_matches_xgboost_with_missing_and_threshold_values(self):
        booster, X = small_booster(base_score=0.3)
        ens = ensemble_from_booster(booster)
        self.assertAlmostEqual(ens.base_margin, logit(0.3), places=6)
        rows = X[:50].copy()
        t = ens.trees[0]
        rows[0, t.feature[0]] = np.float32(t.threshold[0])  # exactly on the root threshold: goes right
        rows[1, :] = np.nan
        want = booster.predict(xgb.DMatrix(rows, missing=np.nan), output_margin=True)
        np.testing.assert_allclose(predict_margin(ens, rows), want, atol=1e-5)

    def test_onnx_graph_is_valid_and_keeps_float32_thresholds(self):
        booster, _ = small_booster()
        ens = ensemble_from_booster(booster)
        model = ensemble_to_onnx(ens, ["a", "b", "c"])
        onnx.checker.check_model(model)
        node = model.graph.node[0]
        self.assertEqual(node.op_type, "TreeEnsembleRegressor")
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        self.assertEqual(set(attrs["nodes_modes"]), {b"BRANCH_LT", b"LEAF"})
        inner = [v for tree in ens.trees for n, v in enumerate(tree.threshold) if not tree.is_leaf(n)]
        self.assertEqual(len(inner), attrs["nodes_modes"].count(b"BRANCH_LT"))
        for v in inner:
            self.assertEqual(v, float(np.float32(v)))
        self.assertEqual([o.name for o in model.graph.output], ["margin", "probability"])
        self.assertEqual(json.loads(dict((p.key, p.value) for p in model.metadata_props)["feature_names"]), ["a", "b", "c"])

    def test_refuses_wrong_feature_count(self):
        booster, _ = small_booster()
        with self.assertRaises(ValueError):
            ensemble_to_onnx(ensemble_from_booster(booster), ["a", "b"])

    def test_trees_json_has_covers_that_add_up(self):
        booster, _ = small_booster()
        tj = trees_json(ensemble_from_booster(booster), ["a", "b", "c"])
        for t in tj["trees"]:
            for n, left in enumerate(t["left"]):
                if left >= 0:
                    self.assertTrue(math.isclose(t["cover"][n], t["cover"][left] + t["cover"][t["right"][n]], rel_tol=1e-4))

    def test_card_markdown_reports_goal(self):
        m = {"rows": 10, "auc": 0.8, "brier": 0.1, "ece": 0.01, "log_loss": 0.3}
        card = {
            "name": "x", "version": "v0", "purpose": "p", "output": {"probability": "P"},
            "data": {"description": "d", "rows": 10, "positive_rate": 0.5, "seed": 1, "split": {"test": 10}, "as_of": "t"},
            "features": ["a"], "feature_gain": {"a": 1.0},
            "training": {"xgboost": "1", "early_stopping_rounds": 1, "trees": 1, "params": {}},
            "metrics": {"test": m}, "calibration": [], "parity": "ok", "limits": ["l"],
        }
        self.assertIn("unseen clients: met", card_markdown(card))
        card["metrics"]["test"] = {**m, "ece": 0.05}
        self.assertIn("NOT met", card_markdown(card))


if __name__ == "__main__":
    unittest.main()

"""Checks of train_real.py's pieces that need no deep-learning library (numpy only):
    python3 -m unittest discover -s Comparisons/real -p 'test_*.py'
"""
import json
import math
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_real  # noqa: E402


class EncodeTests(unittest.TestCase):
    def test_sorted_compact_and_non_finite_as_strings(self):
        line = train_real.encode({"seed": 3, "testMetric": math.nan, "epochs": [{"gradientNorm": math.inf, "epoch": 1}],
                                  "b": -math.inf, "a": 0.5})
        # What Lamina's RecordCoding writes for the same values: sorted keys, no spaces, "nan"/"inf"/"-inf".
        self.assertEqual(line, '{"a":0.5,"b":"-inf","epochs":[{"epoch":1,"gradientNorm":"inf"}],"seed":3,"testMetric":"nan"}')


class SpectralRadiusTests(unittest.TestCase):
    def test_each_gate_block_separately(self):
        # Blocks in columns (i, f, g, o): diag(0.5, -0.25); a rotation by 90° scaled by 2 (eigenvalues ±2i);
        # the zero matrix; [[1, 1], [0, 1]] (eigenvalue 1 twice).
        blocks = [np.diag([0.5, -0.25]), 2 * np.array([[0.0, -1.0], [1.0, 0.0]]), np.zeros((2, 2)), np.array([[1.0, 1.0], [0.0, 1.0]])]
        radii = train_real.spectral_radii(np.concatenate(blocks, axis=1))
        self.assertEqual(set(radii), {"input", "forget", "cell", "output"})
        self.assertAlmostEqual(radii["input"], 0.5)
        self.assertAlmostEqual(radii["forget"], 2.0)
        self.assertAlmostEqual(radii["cell"], 0.0)
        self.assertAlmostEqual(radii["output"], 1.0)


class EvaluateTests(unittest.TestCase):
    class Constant:
        """A model that predicts 0: its per-example metric is the squared target."""
        def metric_values(self, x, targets, kind):
            return (targets[:, 0].astype(np.float64)) ** 2

    def test_sum_over_batches_of_256_divided_by_examples(self):
        targets = np.arange(600, dtype=np.float32).reshape(600, 1)
        data = {"test_inputs": np.zeros((600, 1, 1), np.float32), "test_targets": targets}
        # mean of k² for k = 0…599 = 599·600·1199 / (6·600) = 119 700.1666…
        self.assertAlmostEqual(train_real.evaluate(self.Constant(), data, "test", "regression"), 599 * 1199 / 6)


class StudyTests(unittest.TestCase):
    def write(self, study):
        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(study, handle)
        handle.close()
        self.addCleanup(os.remove, handle.name)
        return handle.name

    def test_reads_the_budget(self):
        path = self.write({"name": "s", "tasks": ["adding"], "profiles": ["pytorch"], "seeds": 1,
                           "optimizer": {"learningRate": 0.01, "clipNorm": 1}, "budget": {"epochs": 3, "batchSize": 8}})
        self.assertEqual(train_real.load_study(path, None),
                         {"name": "s", "task": "adding", "units": 32, "learningRate": 0.01, "clipNorm": 1.0,
                          "epochs": 3, "batchSize": 8})

    def test_unsupported_settings_name_the_field(self):
        path = self.write({"name": "s", "tasks": ["adding"], "model": {"cell": "gru"}})
        with self.assertRaisesRegex(train_real.InputError, "field model.cell is 'gru'"):
            train_real.load_study(path, None)
        path = self.write({"name": "s", "tasks": ["adding", "digits"]})
        with self.assertRaisesRegex(train_real.InputError, "task 'digits' has no real-library script"):
            train_real.load_study(path, "digits")


if __name__ == "__main__":
    unittest.main()

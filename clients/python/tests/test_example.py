"""The worked example runs as a script against a real dashboard: a small sweep launched, waited for,
its phase table and copy-free figures printed (and plotted when matplotlib is installed)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import unittest

from tests import dashboard

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "examples", "phase_sweep.py")


class ExampleTests(unittest.TestCase):
    def test_phase_sweep_prints_the_phase_table_of_a_small_sweep(self):
        server = dashboard.shared()
        with tempfile.TemporaryDirectory() as folder:
            plot = os.path.join(folder, "phases.png")
            done = subprocess.run(
                [sys.executable, EXAMPLE, "--url", server.url, "--token", server.token, "--steps", "100", "--num-tasks", "4,8",
                 "--alpha", "0.8", "--tasks-per-set", "2", "--plot", plot],
                capture_output=True, text=True, timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr)
            out = done.stdout
            self.assertRegex(out, r"sweep \d+: 2 runs")
            self.assertIn("phase at best o.o.d.", out)
            rows = re.findall(r"^\s+(\d+)\s+0\.8\s+Completed\s+(\w+).*?(\d\.\d\d)\s+(\d\.\d\d)\s+(\d\.\d\d)$", out, re.M)
            self.assertEqual([r[0] for r in rows], ["4", "8"], out)
            phases = {"notLearned", "idMemorization", "idGeneralization", "oodMemorization", "oodGeneralization"}
            self.assertTrue(all(r[1] in phases for r in rows), out)
            self.assertTrue(all(0 <= float(v) <= 1 for r in rows for v in r[2:]), out)
            self.assertIn("Completed 2/2 runs done", done.stderr)
            try:
                import matplotlib  # noqa: F401
            except ImportError:
                self.assertIn("matplotlib is not installed: skipping the plot", out)
                self.assertFalse(os.path.exists(plot))
            else:
                self.assertIn(f"plot saved to {plot}", out)
                self.assertGreater(os.path.getsize(plot), 1000)


if __name__ == "__main__":
    unittest.main()

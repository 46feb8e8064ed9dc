"""The client against a real dashboard process: a tiny run launched, followed to completion with a
progress line, its metrics read back equal to the CSV export, predictions, every analysis, errors."""
from __future__ import annotations

import csv
import io
import unittest

from tests import dashboard
from modarith import ApiError, Client, to_dataframe


class RunTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.api = dashboard.shared().client()
        cls.progress = io.StringIO()
        created = cls.api.create_run(dashboard.tiny_run(), name="python client")
        cls.finished = cls.api.wait_run(created["id"], timeout=180, poll=0.2, progress=cls.progress)
        cls.checkpoints = cls.api.checkpoints(cls.finished["id"])

    def test_a_run_is_launched_and_followed_to_completion_with_a_progress_line(self):
        self.assertEqual(self.finished["status"], "Completed")
        self.assertEqual(self.finished["name"], "python client")
        self.assertEqual((self.finished["currentStep"], self.finished["totalSteps"]), (100, 100))
        text = self.progress.getvalue()
        self.assertIn(f"run {self.finished['id']} python client: Completed step 100/100", text)
        self.assertTrue(text.endswith("\n"))
        self.assertIn(self.finished["id"], [r["id"] for r in self.api.runs()])

    def test_metrics_rows_equal_the_csv_export(self):
        rows = self.api.metrics(self.finished["id"])
        exported = list(csv.DictReader(io.StringIO(self.api.metrics_csv(self.finished["id"]))))
        self.assertEqual([r["step"] for r in rows], [25, 50, 75, 100])
        self.assertEqual(len(rows), len(exported))
        for row, line in zip(rows, exported):
            self.assertEqual(set(line) - set(row), set(), "CSV columns missing from the JSON rows")
            for column, text in line.items():
                self.assertEqual(row[column], None if text == "" else (int(text) if column == "step" else float(text)), f"step {row['step']} {column}")
        self.assertEqual(len(rows[-1]["perShot"]["oodTest"]), self.finished["config"]["examplesPerSequence"])
        # Structure metrics (on by default): in the rows, the CSV (compared above) and per head.
        for row in rows:
            self.assertTrue(0 <= row["oodCopyFreeAccuracy"] <= 1)
            self.assertEqual(len(row["attention"]), self.finished["config"]["depth"] * self.finished["config"]["heads"])

    def test_rows_become_a_dataframe_when_pandas_is_installed(self):
        rows = self.api.metrics(self.finished["id"])
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaisesRegex(ImportError, "pandas"):
                to_dataframe(rows)
            return
        frame = to_dataframe(rows)
        self.assertEqual(list(frame["step"]), [25, 50, 75, 100])
        self.assertEqual(list(frame["oodTestAccuracy"]), [r["oodTestAccuracy"] for r in rows])

    def test_checkpoints_tasks_and_predictions(self):
        self.assertEqual(self.checkpoints[-1]["step"], 100)
        self.assertIn("Last", [c["kind"] for c in self.checkpoints])
        tasks = self.api.tasks(self.finished["id"])
        self.assertEqual(len(tasks["id"]), self.finished["config"]["numTasks"])
        p = self.finished["config"]["p"]
        (a, b), (x, y) = tasks["id"][0], tasks["trainPairs"][0]
        sequence = [x, y, (a * x + b * y) % p, x, y]
        answer = self.api.predict(self.finished["id"], [sequence, sequence[:2]], checkpoint=self.checkpoints[-1]["id"])
        self.assertEqual(answer["checkpoint"]["id"], self.checkpoints[-1]["id"])
        self.assertEqual([len(s) for s in answer["predictions"]], [5, 2])
        self.assertTrue(all(0 <= t < p for s in answer["predictions"] for t in s))
        with self.assertRaises(ApiError) as bad:
            self.api.predict(self.finished["id"], [[p]])
        self.assertEqual(bad.exception.status, 400)
        self.assertIn("sequences[0]", bad.exception.errors)

    def test_every_analysis(self):
        run, checkpoint = self.finished["id"], self.checkpoints[-1]["id"]
        config = self.finished["config"]
        attention = self.api.attention(run, checkpoint, a=1, b=2, shots=2, x=3, y=4)
        self.assertEqual(attention["task"], [1, 2])
        self.assertEqual(len(attention["result"]["weights"]), config["depth"])
        neurons = self.api.neurons(run, checkpoint, a=1, b=2, layer=1, position="z", top=5)
        self.assertEqual(len(neurons["result"]["neurons"]), 5)
        pca = self.api.pca(run, checkpoint, a=1, b=2, layer=0)
        heads = pca["result"]["heads"]
        self.assertEqual(sorted({h["head"] for h in heads}), list(range(config["heads"])))
        self.assertEqual(len(heads), 2 * config["heads"], "each head at the query's x and y")
        p = config["p"]
        context = [[1, 1, 3 % p], [2, 0, 2 % p]]
        correctness = self.api.correctness(run, checkpoint, a=1, b=2, shots=2, context=context)
        self.assertEqual(correctness["context"], context)
        self.assertEqual(len(correctness["result"]["prediction"]), p)
        shots = self.api.shots(run, checkpoint, sequences=4)
        self.assertEqual(shots["result"]["sequencesPerSet"], 4)
        self.assertEqual(len(shots["result"]["ood"]), config["examplesPerSequence"])

    def test_bad_input_raises_an_error_naming_the_field(self):
        with self.assertRaises(ApiError) as bad:
            self.api.neurons(self.finished["id"], self.checkpoints[-1]["id"], a=1, b=2, top=65)
        self.assertEqual((bad.exception.status, list(bad.exception.errors)), (400, ["top"]))
        with self.assertRaises(ApiError) as bad:
            self.api.create_run(preset="cpu-small", steps=0, stepz=1)
        self.assertEqual(set(bad.exception.errors), {"steps", "stepz"})
        with self.assertRaises(ApiError) as missing:
            self.api.run(999_999)
        self.assertEqual(missing.exception.status, 404)

    def test_a_finished_run_can_be_neither_cancelled_nor_resumed(self):
        for action in (self.api.cancel_run, self.api.resume_run):
            with self.assertRaises(ApiError) as conflict:
                action(self.finished["id"])
            self.assertEqual(conflict.exception.status, 409)
            self.assertIn("only", conflict.exception.title)

    def test_without_the_access_token_the_dashboard_refuses(self):
        with self.assertRaises(ApiError) as refused:
            Client(self.api.base_url).runs()
        self.assertEqual(refused.exception.status, 401)
        with self.assertRaises(ApiError) as refused:
            Client(self.api.base_url, token="wrong").runs()
        self.assertEqual(refused.exception.status, 401)


class ManageTests(unittest.TestCase):
    def test_a_run_is_renamed_tagged_archived_its_curves_read_and_then_deleted(self):
        api = dashboard.shared().client()
        run = api.wait_run(api.create_run(dashboard.tiny_run(), name="to manage")["id"], timeout=180, poll=0.2, progress=False)
        changed = api.update_run(run["id"], name="renamed", tags=["probe", "python"], archived=True)
        self.assertEqual((changed["name"], changed["tagList"], changed["archived"]), ("renamed", ["probe", "python"], True))
        self.assertEqual(api.run(run["id"])["name"], "renamed")

        curves = api.series(run["id"], keys=["trainLoss"], max_points=0)
        self.assertEqual(set(curves["series"]), {"trainLoss"})
        steps = curves["series"]["trainLoss"]["steps"]
        self.assertEqual(len(steps), curves["stored"])
        self.assertEqual(steps, sorted(steps))

        # Its log from queued to finished, and its training process's samples (the last step is always sampled).
        messages = [line["message"] for line in api.log(run["id"])]
        self.assertEqual(messages[0], "queued")
        self.assertTrue(messages[-1].startswith("finished at step"), messages)
        samples = api.system(run["id"])
        self.assertEqual(samples[-1]["step"], run["totalSteps"])
        self.assertGreater(samples[-1]["memoryBytes"], 0)

        api.delete_run(run["id"])
        with self.assertRaises(ApiError) as gone:
            api.run(run["id"])
        self.assertEqual(gone.exception.status, 404)


class CancelTests(unittest.TestCase):
    def test_a_run_is_cancelled_and_resumed(self):
        api = dashboard.shared().client()
        run = api.create_run(dashboard.tiny_run(steps=100_000, evalEvery=1000), name="long")
        api.cancel_run(run["id"])
        self.assertEqual(api.wait_run(run["id"], timeout=60, poll=0.2, progress=False)["status"], "Cancelled")
        api.resume_run(run["id"])
        self.assertIn(api.run(run["id"])["status"], ("Queued", "Running"))
        api.cancel_run(run["id"])
        self.assertEqual(api.wait_run(run["id"], timeout=60, poll=0.2, progress=False)["status"], "Cancelled")


if __name__ == "__main__":
    unittest.main()

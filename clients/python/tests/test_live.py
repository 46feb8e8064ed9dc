"""Live events from Python without polling: the stdlib SignalR reader follows a real training run."""
from __future__ import annotations

import unittest

from tests import dashboard
from modarith import HubError, RunEvents


class LiveTests(unittest.TestCase):
    def test_a_training_run_is_followed_live_to_completion(self):
        api = dashboard.shared().client()
        # A first run holds the only training slot, so the followed run cannot start before we join it.
        blocker = api.create_run(dashboard.tiny_run(steps=50), name="blocker")
        with api.events() as live:
            live.join_run_list()
            run = api.create_run(dashboard.tiny_run(), name="followed live")
            live.join_run(run["id"])
            events = list(live.follow(run["id"], timeout=180))

        statuses = [e.data["status"] for e in events if e.name == "status"]
        self.assertEqual(statuses[-1], "Completed")
        self.assertLess(statuses.index("Running"), len(statuses) - 1)
        metrics = [e.data for e in events if e.name == "metric"]
        stored = api.metrics(run["id"])
        self.assertEqual([m["step"] for m in metrics], [m["step"] for m in stored])
        self.assertEqual([m["oodTestAccuracy"] for m in metrics], [m["oodTestAccuracy"] for m in stored])
        progress = [e.data for e in events if e.name == "progress"]
        self.assertTrue(progress and all(p["totalSteps"] == 100 for p in progress))
        self.assertEqual(sorted(p["step"] for p in progress), [p["step"] for p in progress], "progress goes forward")
        self.assertEqual(api.run(blocker["id"])["status"], "Completed")

    def test_the_hub_refuses_a_connection_without_the_token(self):
        with self.assertRaisesRegex(HubError, "401"):
            RunEvents(dashboard.shared().url, token=None).connect()


if __name__ == "__main__":
    unittest.main()

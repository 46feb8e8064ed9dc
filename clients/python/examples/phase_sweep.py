#!/usr/bin/env python3
"""Launch a small sweep over n_id × alpha, wait for it, print the phase table and the copy-free /
o.o.d. figures per cell, and plot o.o.d. test accuracy against n_id (when matplotlib is installed).

    python3 clients/python/examples/phase_sweep.py --url http://127.0.0.1:5000 [--token T]

Copy-free accuracy: the model answers every held-out (x, y) query after a context drawn from the
run's training pairs (the correctness analysis), so the answer cannot be copied from the prompt;
it is averaged over a few i.d. (pre-training) tasks and a few unseen (o.o.d.) tasks.
In a notebook, paste the body of main() and set the arguments by hand.
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from modarith import Client  # noqa: E402


def copy_free_accuracy(api: Client, run_id: int, checkpoint_id: int, tasks: list[list[int]], train_pairs: set[tuple[int, int]], seeds: int = 2) -> float | None:
    """Mean accuracy on held-out-pair queries over the given tasks and a few random training-pair contexts."""
    right = total = 0
    for a, b in tasks:
        for seed in range(seeds):
            grid = api.correctness(run_id, checkpoint_id, a=a, b=b, seed=seed)["result"]["correct"]
            for x, row in enumerate(grid):
                for y, correct in enumerate(row):
                    if (x, y) not in train_pairs:
                        right += bool(correct)
                        total += 1
    return right / total if total else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("MODARITH_URL", "http://127.0.0.1:5000"))
    parser.add_argument("--token", default=os.environ.get("MODARITH_TOKEN"), help="the server's Dashboard:AccessToken, if set")
    parser.add_argument("--preset", default="cpu-small")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--num-tasks", default="4,8", help="n_id values, comma-separated (each must divide the preset's batch size)")
    parser.add_argument("--alpha", default="0.8", help="alpha values, comma-separated")
    parser.add_argument("--tasks-per-set", type=int, default=3, help="i.d. and o.o.d. tasks probed per cell for the copy-free figures")
    parser.add_argument("--plot", default="phase_sweep.png", help="where to save the plot (needs matplotlib)")
    args = parser.parse_args(argv)

    api = Client(args.url, token=args.token)
    base = {"preset": args.preset, "steps": args.steps, "evalEvery": max(1, args.steps // 4), "checkpointCount": 2}
    grid = {"numTasks": [int(v) for v in args.num_tasks.split(",")], "alpha": [float(v) for v in args.alpha.split(",")]}
    sweep = api.create_sweep(f"phase sweep ({args.preset}, {args.steps} steps)", base, grid)
    print(f"sweep {sweep['id']}: {sweep['totalRuns']} runs")
    sweep = api.wait_sweep(sweep["id"])

    header = f"{'n_id':>5} {'alpha':>5}  {'status':<10} {'phase at best o.o.d.':<22} {'phase at end':<22} {'ood test':>8} {'copy-free id':>12} {'copy-free ood':>13}"
    print(header)
    print("-" * len(header))
    cells = []
    for run in sorted(sweep["runs"], key=lambda r: (r["alpha"], r["numTasks"])):
        ood = (run["atBestOod"] or {}).get("oodTest")
        copy_id = copy_ood = None
        checkpoints = api.checkpoints(run["id"]) if run["status"] == "Completed" else []
        if checkpoints:
            best = next((c for c in checkpoints if c["kind"] == "BestOod"), checkpoints[-1])
            tasks = api.tasks(run["id"])
            train_pairs = {tuple(p) for p in tasks["trainPairs"]}
            copy_id = copy_free_accuracy(api, run["id"], best["id"], tasks["id"][: args.tasks_per_set], train_pairs)
            copy_ood = copy_free_accuracy(api, run["id"], best["id"], tasks["ood"][: args.tasks_per_set], train_pairs)
        cells.append((run, ood))
        phase_best = (run["phaseAtBestOod"] or "-") + (" (transient)" if run["transient"] else "")
        print(f"{run['numTasks']:>5} {run['alpha']:>5}  {run['status']:<10} {phase_best:<22} {run['phaseAtEnd'] or '-':<22} "
              f"{_fraction(ood):>8} {_fraction(copy_id):>12} {_fraction(copy_ood):>13}")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: skipping the plot (pip install matplotlib)")
        return 0
    figure, axes = plt.subplots()
    for alpha in sorted({run["alpha"] for run, _ in cells}):
        points = sorted((run["numTasks"], ood) for run, ood in cells if run["alpha"] == alpha and ood is not None)
        axes.plot([n for n, _ in points], [o for _, o in points], marker="o", label=f"alpha {alpha}")
    chance = 1 / cells[0][0]["p"]
    axes.axhline(chance, color="grey", linestyle=":", label=f"chance (1/p = {chance:.2f})")
    axes.set_ylim(0, 1)
    axes.set_xscale("log", base=2)
    axes.set_xlabel("n_id (pre-training tasks)")
    axes.set_ylabel("o.o.d. test accuracy at best checkpoint")
    axes.legend()
    figure.savefig(args.plot)
    print(f"plot saved to {args.plot}")
    return 0


def _fraction(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    sys.exit(main())

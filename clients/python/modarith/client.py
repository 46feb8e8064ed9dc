"""A small, standard-library-only client for the ModArith Dashboard REST API.

    from modarith import Client
    api = Client("http://127.0.0.1:5000", token=None)
    run = api.wait_run(api.create_run(preset="cpu-small", steps=300)["id"])

Every method that calls the API is marked with @operation(method, path, ...); the contract test
compares that list, its parameters and the return types with the served OpenAPI document.
"""
from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence, TextIO, Union

from .types import Analysis, Checkpoint, ConfigKey, Metric, Prediction, Preset, Run, RunTasks, Sweep, SweepSummary, Worker, RunSeries, RunLogLine, SystemSample

FINISHED_RUN_STATUSES = frozenset({"Completed", "Failed", "Cancelled", "Interrupted"})
FINISHED_SWEEP_STATUSES = frozenset({"Completed", "Failed", "Cancelled", "Interrupted", "Stopped"})


@dataclass(frozen=True)
class Operation:
    """One API operation a client method calls (checked against the OpenAPI document)."""
    method: str
    path: str
    function: str
    path_params: dict[str, str] = field(default_factory=dict)  # OpenAPI name -> Python parameter
    query: tuple[str, ...] = ()
    body: Optional[str] = None  # request schema name
    returns: Optional[str] = None  # response schema name; "[X]" for a list of X


OPERATIONS: list[Operation] = []


def operation(method: str, path: str, *, path_params: Optional[dict[str, str]] = None, query: Iterable[str] = (),
              body: Optional[str] = None, returns: Optional[str] = None) -> Callable:
    def mark(function: Callable) -> Callable:
        OPERATIONS.append(Operation(method, path, function.__name__, dict(path_params or {}), tuple(query), body, returns))
        return function
    return mark


RUN = {"id": "run_id"}
CHECKPOINT = {"id": "run_id", "checkpointId": "checkpoint_id"}
CONTEXT_QUERY = ("a", "b", "shots", "seed", "context")


class ApiError(Exception):
    """A response that is not a success: `status`, the problem `title`, and `errors` (field -> messages) for a 400."""

    def __init__(self, status: int, method: str, path: str, body: str):
        self.status, self.method, self.path, self.body = status, method, path, body
        self.title: Optional[str] = None
        self.errors: dict[str, list[str]] = {}
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            self.title = parsed.get("title") or parsed.get("detail") or parsed.get("error")
            self.errors = parsed.get("errors") or {}
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items())
        super().__init__(f"{method} {path} -> {status} {self.title or body[:200]}{' (' + details + ')' if details else ''}")


class Client:
    """The dashboard's REST API. `token` is the server's Dashboard:AccessToken, sent as a Bearer header."""

    def __init__(self, base_url: str = "http://127.0.0.1:5000", token: Optional[str] = None, timeout: float = 120.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    # ---- plumbing -----------------------------------------------------------------------------

    def request(self, method: str, path: str, query: Optional[dict[str, Any]] = None, body: Any = None) -> tuple[int, str, str]:
        """Sends one request; returns (status, content type, text) of a success, raises ApiError otherwise."""
        url = self.base_url + path
        pairs = {k: v for k, v in (query or {}).items() if v is not None}
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs)
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            raise ApiError(e.code, method, path, e.read().decode("utf-8", "replace")) from None

    def _json(self, method: str, path: str, query: Optional[dict[str, Any]] = None, body: Any = None) -> Any:
        _, _, text = self.request(method, path, query, body)
        return json.loads(text) if text else None

    # ---- runs ---------------------------------------------------------------------------------

    @operation("GET", "/api/presets", returns="[PresetDto]")
    def presets(self) -> list[Preset]:
        return self._json("GET", "/api/presets")

    @operation("GET", "/api/config-keys", returns="[ConfigKeyDto]")
    def config_keys(self) -> list[ConfigKey]:
        """Every config key with its type, default, choices, range and meaning."""
        return self._json("GET", "/api/config-keys")

    @operation("POST", "/api/runs", body="RunCreateRequest", returns="RunDto")
    def create_run(self, config: Optional[dict[str, Any]] = None, *, name: Optional[str] = None, **keys: Any) -> Run:
        """Launches a run: `config` and/or keyword config keys, e.g. create_run(preset="cpu-small", steps=300)."""
        body = {**(config or {}), **keys}
        if name is not None:
            body["name"] = name
        return self._json("POST", "/api/runs", body=body)

    @operation("GET", "/api/workers", returns="[WorkerDto]")
    def workers(self) -> list[Worker]:
        """The cluster's workers (empty in the embedded mode)."""
        return self._json("GET", "/api/workers")

    @operation("GET", "/api/runs", returns="[RunDto]")
    def runs(self) -> list[Run]:
        return self._json("GET", "/api/runs")

    @operation("GET", "/api/runs/{id}", path_params=RUN, returns="RunDto")
    def run(self, run_id: int) -> Run:
        return self._json("GET", f"/api/runs/{int(run_id)}")

    @operation("GET", "/api/runs/{id}/metrics", path_params=RUN, query=("format",), returns="[MetricDto]")
    def metrics(self, run_id: int) -> list[Metric]:
        """Every stored evaluation as a row (a dict), ready for pandas: `to_dataframe(api.metrics(id))`."""
        return self._json("GET", f"/api/runs/{int(run_id)}/metrics", {"format": "json"})

    @operation("GET", "/api/runs/{id}/metrics", path_params=RUN, query=("format",))
    def metrics_csv(self, run_id: int) -> str:
        """The same evaluations as the CSV export (without per-shot accuracies)."""
        return self.request("GET", f"/api/runs/{int(run_id)}/metrics", {"format": "csv"})[2]

    @operation("GET", "/api/runs/{id}/series", path_params=RUN, query=("keys", "maxPoints", "format"), returns="RunSeriesDto")
    def series(self, run_id: int, keys: Optional[Sequence[str]] = None, max_points: Optional[int] = None) -> RunSeries:
        """Per-step curves (trainLoss, learningRate, gradNorm), downsampled on the server to max_points (0 = every point)."""
        query: dict[str, Any] = {"format": "json"}
        if keys is not None:
            query["keys"] = ",".join(keys)
        if max_points is not None:
            query["maxPoints"] = max_points
        return self._json("GET", f"/api/runs/{int(run_id)}/series", query)

    @operation("GET", "/api/runs/{id}/log", path_params=RUN, returns="[RunLogLineDto]")
    def log(self, run_id: int) -> list[RunLogLine]:
        """The run's log lines in time order (started, resumed, cancelled, failed with its error, finished...)."""
        return self._json("GET", f"/api/runs/{int(run_id)}/log")

    @operation("GET", "/api/runs/{id}/system", path_params=RUN, returns="[SystemSampleDto]")
    def system(self, run_id: int) -> list[SystemSample]:
        """Samples of the process that trained the run: CPU (% of one core), resident memory (bytes), threads."""
        return self._json("GET", f"/api/runs/{int(run_id)}/system")

    @operation("PATCH", "/api/runs/{id}", path_params=RUN, body="RunPatchRequest", returns="RunDto")
    def update_run(self, run_id: int, *, name: Optional[str] = None, notes: Optional[str] = None,
                   tags: Optional[Sequence[str]] = None, archived: Optional[bool] = None) -> Run:
        """Renames, annotates, tags or archives a run; what is left out stays as it is."""
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if notes is not None:
            body["notes"] = notes
        if tags is not None:
            body["tags"] = list(tags)
        if archived is not None:
            body["archived"] = archived
        return self._json("PATCH", f"/api/runs/{int(run_id)}", body=body)

    @operation("DELETE", "/api/runs/{id}", path_params=RUN)
    def delete_run(self, run_id: int) -> None:
        """Deletes a finished run with its evaluations, curves and checkpoint files (409 while queued or running)."""
        self.request("DELETE", f"/api/runs/{int(run_id)}")

    @operation("GET", "/api/runs/{id}/checkpoints", path_params=RUN, returns="[CheckpointDto]")
    def checkpoints(self, run_id: int) -> list[Checkpoint]:
        return self._json("GET", f"/api/runs/{int(run_id)}/checkpoints")

    @operation("GET", "/api/runs/{id}/tasks", path_params=RUN, returns="RunTasksDto")
    def tasks(self, run_id: int) -> RunTasks:
        return self._json("GET", f"/api/runs/{int(run_id)}/tasks")

    @operation("POST", "/api/runs/{id}/cancel", path_params=RUN)
    def cancel_run(self, run_id: int) -> None:
        self.request("POST", f"/api/runs/{int(run_id)}/cancel")

    @operation("POST", "/api/runs/{id}/resume", path_params=RUN)
    def resume_run(self, run_id: int) -> None:
        self.request("POST", f"/api/runs/{int(run_id)}/resume")

    @operation("POST", "/api/runs/{id}/predict", path_params=RUN, body="PredictRequest", returns="PredictResponse")
    def predict(self, run_id: int, sequences: Sequence[Sequence[int]], checkpoint: Optional[int] = None) -> Prediction:
        """The model's argmax next token at every position of each token sequence (last checkpoint by default)."""
        body: dict[str, Any] = {"sequences": [list(s) for s in sequences]}
        if checkpoint is not None:
            body["checkpoint"] = checkpoint
        return self._json("POST", f"/api/runs/{int(run_id)}/predict", body=body)

    def wait_run(self, run_id: int, timeout: Optional[float] = None, poll: float = 1.0, progress: Union[bool, TextIO] = True) -> Run:
        """Polls until the run is finished (Completed, Failed, Cancelled, Interrupted), printing a progress line."""
        out = _stream(progress)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            run = self.run(run_id)
            if out:
                _progress_line(out, f"run {run['id']} {run['name']}: {run['status']} step {run['currentStep']}/{run['totalSteps']}"
                               f"{_speed(run.get('stepsPerSecond'), run['totalSteps'] - run['currentStep'], run['status'])}")
            if run["status"] in FINISHED_RUN_STATUSES:
                if out:
                    out.write("\n")
                    out.flush()
                return run
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"run {run_id} still {run['status']} at step {run['currentStep']}/{run['totalSteps']}")
            time.sleep(poll)

    # ---- sweeps -------------------------------------------------------------------------------

    @operation("GET", "/api/sweep-presets", returns="[SweepRequest]")
    def sweep_presets(self) -> list[dict[str, Any]]:
        """The ready sweeps, each a body for create_sweep(**preset)."""
        return self._json("GET", "/api/sweep-presets")

    @operation("POST", "/api/sweeps", body="SweepRequest", returns="SweepDto")
    def create_sweep(self, name: str, base: dict[str, Any], grid: dict[str, Sequence[Any]], description: Optional[str] = None) -> Sweep:
        """Launches a grid of runs, e.g. create_sweep("n_id", {"preset": "cpu-small"}, {"numTasks": [4, 8], "alpha": [0.5]})."""
        body: dict[str, Any] = {"name": name, "base": base, "grid": {k: list(v) for k, v in grid.items()}}
        if description is not None:
            body["description"] = description
        return self._json("POST", "/api/sweeps", body=body)

    @operation("GET", "/api/sweeps", returns="[SweepSummaryDto]")
    def sweeps(self) -> list[SweepSummary]:
        return self._json("GET", "/api/sweeps")

    @operation("GET", "/api/sweeps/{id}", path_params={"id": "sweep_id"}, returns="SweepDto")
    def sweep(self, sweep_id: int) -> Sweep:
        return self._json("GET", f"/api/sweeps/{int(sweep_id)}")

    @operation("POST", "/api/sweeps/{id}/cancel", path_params={"id": "sweep_id"})
    def cancel_sweep(self, sweep_id: int) -> None:
        self.request("POST", f"/api/sweeps/{int(sweep_id)}/cancel")

    def wait_sweep(self, sweep_id: int, timeout: Optional[float] = None, poll: float = 2.0, progress: Union[bool, TextIO] = True) -> Sweep:
        """Polls until every run of the sweep is finished, printing a progress line."""
        out = _stream(progress)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            sweep = self.sweep(sweep_id)
            runs = sweep["runs"]
            steps = sum(r["currentStep"] for r in runs)
            total = sum(r["totalSteps"] for r in runs)
            speed = sum(r["stepsPerSecond"] or 0 for r in runs if r["status"] == "Running")
            if out:
                _progress_line(out, f"sweep {sweep['id']} {sweep['name']}: {sweep['status']} {sweep['finishedRuns']}/{sweep['totalRuns']} runs done, "
                               f"{sweep['runningRuns']} running, step {steps}/{total}{_speed(speed or None, total - steps, sweep['status'])}")
            if all(r["status"] in FINISHED_RUN_STATUSES for r in runs):
                if out:
                    out.write("\n")
                    out.flush()
                return sweep
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"sweep {sweep_id} still {sweep['status']} ({sweep['finishedRuns']}/{sweep['totalRuns']} runs done)")
            time.sleep(poll)

    # ---- looking inside a checkpoint ----------------------------------------------------------

    @operation("GET", "/api/runs/{id}/checkpoints/{checkpointId}/attention", path_params=CHECKPOINT, query=CONTEXT_QUERY + ("x", "y"),
               returns="AnalysisResponseOfAttentionMaps")
    def attention(self, run_id: int, checkpoint_id: int, *, a: int, b: int, shots: Optional[int] = None, seed: Optional[int] = None,
                  context: Union[str, Sequence[Sequence[int]], None] = None, x: Optional[int] = None, y: Optional[int] = None) -> Analysis:
        """Attention weights[layer][head][query][key] on the context plus the query (x, y)."""
        return self._analysis(run_id, checkpoint_id, "attention", a=a, b=b, shots=shots, seed=seed, context=context, x=x, y=y)

    @operation("GET", "/api/runs/{id}/checkpoints/{checkpointId}/neurons", path_params=CHECKPOINT, query=CONTEXT_QUERY + ("layer", "position", "top"),
               returns="AnalysisResponseOfNeuronMaps")
    def neurons(self, run_id: int, checkpoint_id: int, *, a: int, b: int, shots: Optional[int] = None, seed: Optional[int] = None,
                context: Union[str, Sequence[Sequence[int]], None] = None, layer: Optional[int] = None, position: Optional[str] = None,
                top: Optional[int] = None) -> Analysis:
        """The `top` most variable MLP neurons over the p×p query grid: activation maps, |2-D DFT| and dominant frequencies."""
        return self._analysis(run_id, checkpoint_id, "neurons", a=a, b=b, shots=shots, seed=seed, context=context, layer=layer, position=position, top=top)

    @operation("GET", "/api/runs/{id}/checkpoints/{checkpointId}/pca", path_params=CHECKPOINT, query=CONTEXT_QUERY + ("layer",),
               returns="AnalysisResponseOfPcaMaps")
    def pca(self, run_id: int, checkpoint_id: int, *, a: int, b: int, shots: Optional[int] = None, seed: Optional[int] = None,
            context: Union[str, Sequence[Sequence[int]], None] = None, layer: Optional[int] = None) -> Analysis:
        """PCA of each head's output at the query's x and y over all p² queries, and of the token embeddings."""
        return self._analysis(run_id, checkpoint_id, "pca", a=a, b=b, shots=shots, seed=seed, context=context, layer=layer)

    @operation("GET", "/api/runs/{id}/checkpoints/{checkpointId}/correctness", path_params=CHECKPOINT, query=CONTEXT_QUERY,
               returns="AnalysisResponseOfCorrectnessMap")
    def correctness(self, run_id: int, checkpoint_id: int, *, a: int, b: int, shots: Optional[int] = None, seed: Optional[int] = None,
                    context: Union[str, Sequence[Sequence[int]], None] = None) -> Analysis:
        """The model's answer to every query (x, y) after the context, with ratio-matching and modular-regression coverage."""
        return self._analysis(run_id, checkpoint_id, "correctness", a=a, b=b, shots=shots, seed=seed, context=context)

    @operation("GET", "/api/runs/{id}/checkpoints/{checkpointId}/shots", path_params=CHECKPOINT, query=("sequences",),
               returns="AnalysisResponseOfShotCurves")
    def shots(self, run_id: int, checkpoint_id: int, *, sequences: Optional[int] = None) -> Analysis:
        """Accuracy per shot count on fresh i.d. and o.o.d. test sequences (`sequences` per set, 1-1024)."""
        return self._analysis(run_id, checkpoint_id, "shots", sequences=sequences)

    def _analysis(self, run_id: int, checkpoint_id: int, name: str, **query: Any) -> Analysis:
        context = query.get("context")
        if context is not None and not isinstance(context, str):
            query["context"] = ";".join(",".join(str(int(t)) for t in example) for example in context)
        return self._json("GET", f"/api/runs/{int(run_id)}/checkpoints/{int(checkpoint_id)}/{name}", query)

    # ---- live events --------------------------------------------------------------------------

    def events(self, timeout: float = 30.0):
        """A live connection to the SignalR hub (see modarith.live.RunEvents): join_run(id), then iterate events."""
        from .live import RunEvents
        return RunEvents(self.base_url, token=self.token, timeout=timeout)


def to_dataframe(rows: Iterable[dict[str, Any]]):
    """Rows (e.g. Client.metrics) as a pandas DataFrame; needs pandas installed."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("to_dataframe needs pandas (pip install pandas); the rows themselves are plain dicts") from e
    return pandas.DataFrame(list(rows))


def _stream(progress: Union[bool, TextIO]) -> Optional[TextIO]:
    if progress is True:
        return sys.stderr
    return progress or None


def _progress_line(out: TextIO, text: str) -> None:
    out.write("\r" + text.ljust(100))
    out.flush()


def _speed(steps_per_second: Optional[float], remaining: int, status: str) -> str:
    if not steps_per_second or status not in ("Running",):
        return ""
    return f", {steps_per_second:.1f} steps/s, ETA {remaining / steps_per_second:.0f} s"

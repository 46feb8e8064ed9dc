"""Response shapes of the ModArith Dashboard API, as TypedDicts named after the OpenAPI schemas.

The contract test (tests/test_contract.py) checks every class listed in SCHEMAS against the
served OpenAPI document: the same property names, so a renamed or added field fails it.
"""
from __future__ import annotations

from typing import Any, Optional, TypedDict


class Run(TypedDict):
    id: int
    name: str
    status: str  # Queued, Running, Completed, Failed, Cancelled, Interrupted
    sweepId: Optional[int]
    preset: Optional[str]
    config: dict[str, Any]
    seed: int
    device: Optional[str]
    error: Optional[str]
    createdAt: str
    startedAt: Optional[str]
    finishedAt: Optional[str]
    currentStep: int
    totalSteps: int
    stepsPerSecond: Optional[float]
    bestIdTrainAccuracy: Optional[float]
    bestIdTestAccuracy: Optional[float]
    bestOodTrainAccuracy: Optional[float]
    bestOodTestAccuracy: Optional[float]
    bestOodStep: Optional[int]
    finalIdTrainAccuracy: Optional[float]
    finalIdTestAccuracy: Optional[float]
    finalOodTrainAccuracy: Optional[float]
    finalOodTestAccuracy: Optional[float]
    notes: str
    tags: str
    worker: Optional[str]  # the worker holding (or last holding) the run; "embedded" in the one-process mode
    archived: bool  # hidden from the runs list unless asked for
    tagList: list[str]  # tags, parsed from the comma-separated text
    attempt: int  # which attempt of the run (each start or resume is one)


class AttentionPattern(TypedDict):
    """Mean attention of one head from the y and z positions onto the same example's x / y and earlier examples' x, y, z."""
    layer: int
    head: int
    yToOwnX: float
    yToEarlierX: float
    yToEarlierY: float
    yToEarlierZ: float
    zToOwnX: float
    zToOwnY: float
    zToEarlierX: float
    zToEarlierY: float
    zToEarlierZ: float


class Metric(TypedDict):
    """One evaluation; accuracies are the mean over shots, `perShot` holds them per shot count."""
    runId: int
    step: int
    wallSeconds: float
    learningRate: float
    trainLoss: float
    idTrainLoss: Optional[float]
    idTrainAccuracy: Optional[float]
    idTrainLastShotAccuracy: Optional[float]
    idTestLoss: Optional[float]
    idTestAccuracy: Optional[float]
    idTestLastShotAccuracy: Optional[float]
    oodTrainLoss: Optional[float]
    oodTrainAccuracy: Optional[float]
    oodTrainLastShotAccuracy: Optional[float]
    oodTestLoss: Optional[float]
    oodTestAccuracy: Optional[float]
    oodTestLastShotAccuracy: Optional[float]
    perShot: Any
    evaluatedAt: Optional[str]
    # Structure metrics (None in runs without them: structureMetrics off, or trained before they existed).
    idCopyFreeAccuracy: Optional[float]
    oodCopyFreeAccuracy: Optional[float]
    ratioMatchingAgreement: Optional[float]
    modularRegressionAgreement: Optional[float]
    embeddingTopFrequencyShare: Optional[float]
    attention: Optional[list[AttentionPattern]]


class Checkpoint(TypedDict):
    id: int
    step: int
    kind: str  # LogSpaced, BestOod, Last
    createdAt: str


class RunTasks(TypedDict):
    id: list[list[int]]
    ood: list[list[int]]
    trainPairs: list[list[int]]


class PredictedCheckpoint(TypedDict):
    id: int
    step: int
    kind: str


class Prediction(TypedDict):
    checkpoint: PredictedCheckpoint
    predictions: list[list[int]]


class Preset(TypedDict):
    name: str
    version: int
    description: str
    config: dict[str, Any]


class ConfigKey(TypedDict):
    key: str
    group: str
    type: str  # integer, number, boolean, string, choice
    description: str
    defaultValue: Any
    allowedValues: list[str]
    minimum: Optional[float]
    maximum: Optional[float]
    minimumExclusive: bool
    maximumExclusive: bool


class Accuracies(TypedDict):
    idTrain: Optional[float]
    idTest: Optional[float]
    oodTrain: Optional[float]
    oodTest: Optional[float]
    idCopyFree: Optional[float]  # copy-free accuracy (context from training pairs, query held out); None without structure metrics
    oodCopyFree: Optional[float]


class SweepRun(TypedDict):
    id: int
    name: str
    status: str
    numTasks: int
    alpha: float
    depth: int
    seed: int
    p: int
    currentStep: int
    totalSteps: int
    bestOodStep: Optional[int]
    atBestOod: Optional[Accuracies]
    final: Optional[Accuracies]
    phaseAtBestOod: Optional[str]  # notLearned, idMemorization, idGeneralization, oodMemorization, oodGeneralization
    phaseAtEnd: Optional[str]
    transient: bool
    stepsPerSecond: Optional[float]
    worker: Optional[str]
    attempt: int


class SweepSummary(TypedDict):
    id: int
    name: str
    status: str
    createdAt: str
    cancelledAt: Optional[str]
    totalRuns: int
    finishedRuns: int
    runningRuns: int


class Sweep(TypedDict):
    id: int
    name: str
    description: Optional[str]
    status: str
    createdAt: str
    cancelledAt: Optional[str]
    totalRuns: int
    finishedRuns: int
    runningRuns: int
    spec: dict[str, Any]
    sweptKeys: list[str]
    runs: list[SweepRun]


class Analysis(TypedDict):
    """Every analysis answer: what it was computed on, and `result` (its shape depends on the analysis)."""
    checkpoint: Checkpoint
    p: int
    task: Optional[list[int]]
    taskInDistribution: Optional[bool]
    shots: Optional[int]
    context: Optional[list[list[int]]]
    result: dict[str, Any]


class SeriesColumn(TypedDict):
    steps: list[int]
    values: list[Optional[float]]


class RunSeries(TypedDict):
    runId: int
    stored: int  # points stored per curve; each column holds at most maxPoints of them (min and max per bucket)
    series: dict[str, SeriesColumn]  # trainLoss, learningRate, gradNorm


class RunLogLine(TypedDict):
    """One line of a run's log: queued, started, resumed, cancel requested, stopped early, cancelled, failed, finished."""
    runId: int
    at: str
    level: str  # Info, Warning, Error
    message: str
    attempt: Optional[int]  # None for a front-end's own line (queued, cancel requested)
    worker: Optional[str]


class SystemSample(TypedDict):
    """The training process's resource use at one moment."""
    runId: int
    at: str
    attempt: int
    step: int
    cpuPercent: float  # of one core: 200 = two cores busy
    memoryBytes: int  # resident set size
    threads: int
    cores: int


class Worker(TypedDict):
    """A worker process of the cluster mode."""
    name: str
    host: str
    pid: int
    devices: list[str]
    slots: int
    runs: list[int]
    startedAt: str
    lastHeartbeatAt: str
    stoppedAt: Optional[str]
    version: str
    state: str  # alive, silent, stopped


# OpenAPI schema name -> the TypedDict mirroring it (checked by the contract test).
SCHEMAS: dict[str, type] = {
    "RunDto": Run,
    "MetricDto": Metric,
    "AttentionPatternDto": AttentionPattern,
    "CheckpointDto": Checkpoint,
    "RunTasksDto": RunTasks,
    "PredictedCheckpoint": PredictedCheckpoint,
    "PredictResponse": Prediction,
    "PresetDto": Preset,
    "ConfigKeyDto": ConfigKey,
    "AccuraciesDto": Accuracies,
    "SweepRunDto": SweepRun,
    "SweepSummaryDto": SweepSummary,
    "SweepDto": Sweep,
    "WorkerDto": Worker,
    "RunSeriesDto": RunSeries,
    "SeriesColumnDto": SeriesColumn,
    "RunLogLineDto": RunLogLine,
    "SystemSampleDto": SystemSample,
    "AnalysisResponseOfAttentionMaps": Analysis,
    "AnalysisResponseOfNeuronMaps": Analysis,
    "AnalysisResponseOfPcaMaps": Analysis,
    "AnalysisResponseOfCorrectnessMap": Analysis,
    "AnalysisResponseOfShotCurves": Analysis,
}

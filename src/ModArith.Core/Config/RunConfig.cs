using System.Text.Json.Serialization;

namespace ModArith.Core.Config;

/// <summary>
/// Every hyperparameter of one training run. Defaults are the paper's recipe (depth 2);
/// presets override them. Serialised as camelCase JSON, the same vocabulary for config files,
/// <c>--set key=value</c> on the CLI and the REST API.
/// </summary>
public sealed record RunConfig
{
    [ConfigKey("Named base config that the other keys override (see `presets`). Empty for the built-in defaults.", Group = "Run")]
    public string? Preset { get; init; }

    // ---- Task family z = a·x + b·y (mod p) -------------------------------------------------

    [ConfigKey("Prime modulus p. Numbers are tokens 0..p-1 and there are p² tasks (a, b). The paper uses 29.", Group = "Task")]
    public int P { get; init; } = 29;

    [ConfigKey("How the in-distribution tasks are chosen: `rectangle` (paper default: tasks come as (a,b),(a,y'),(x',b),(x',y')) or `random` (uniform ablation).", Group = "Task")]
    public TaskSplitRule TaskSplit { get; init; } = TaskSplitRule.Rectangle;

    [ConfigKey("n_id: number of pre-training (in-distribution) tasks. A multiple of 4 for the rectangle rule. The paper sweeps 8..512.", Group = "Task")]
    public int NumTasks { get; init; } = 512;

    [ConfigKey("Cap on the out-of-distribution tasks evaluated (the complement of the i.d. tasks, shuffled). The paper keeps 256.", Group = "Task")]
    public int MaxOodTasks { get; init; } = 256;

    [ConfigKey("alpha: fraction of the p² (x, y) pairs used for training; the rest are test pairs. In (0, 1]; the paper sweeps 0.2..0.8.", Group = "Task")]
    public double Alpha { get; init; } = 0.8;

    [ConfigKey("k: examples [x y z] per sequence (the sequence has 3k tokens; the model predicts every z). The paper uses 32.", Group = "Task")]
    public int ExamplesPerSequence { get; init; } = 32;

    // ---- Model -------------------------------------------------------------------------------

    [ConfigKey("Number of transformer blocks. 2 is the smallest depth that generalises o.o.d. in the paper; 4 and 6 also studied.", Group = "Model")]
    public int Depth { get; init; } = 2;

    [ConfigKey("Width of the residual stream (d_model). The paper uses 512.", Group = "Model")]
    public int DModel { get; init; } = 512;

    [ConfigKey("Attention heads per block; must divide dModel (head dim = dModel / heads). The paper uses 4.", Group = "Model")]
    public int Heads { get; init; } = 4;

    [ConfigKey("MLP hidden width as a multiple of dModel (ReLU MLP). The paper uses 4.", Group = "Model")]
    public int MlpRatio { get; init; } = 4;

    [ConfigKey("Base of the rotary position embedding applied to queries and keys.", Group = "Model")]
    public double RopeTheta { get; init; } = 10000;

    // ---- Optimisation ------------------------------------------------------------------------

    [ConfigKey("Sequences per optimisation step. Batches are balanced: a multiple of numTasks, so every i.d. task appears equally often. The paper uses 1024.", Group = "Optimisation")]
    public int BatchSize { get; init; } = 1024;

    [ConfigKey("Total optimisation steps. The paper trains 200k.", Group = "Optimisation")]
    public int Steps { get; init; } = 200_000;

    [ConfigKey("Peak learning rate of AdamW (reached after warm-up). The paper uses 1.5e-4.", Group = "Optimisation")]
    public double LearningRate { get; init; } = 1.5e-4;

    [ConfigKey("Steps of linear warm-up from 1% of the peak learning rate. The paper uses 10k.", Group = "Optimisation")]
    public int WarmupSteps { get; init; } = 10_000;

    [ConfigKey("Cosine decay ends at this fraction of the peak learning rate on the last step. The paper uses 0.1.", Group = "Optimisation")]
    public double MinLearningRateRatio { get; init; } = 0.1;

    [ConfigKey("Decoupled AdamW weight decay on weight matrices and embeddings (rank >= 2); LayerNorm parameters get none. The paper uses 2.0.", Group = "Optimisation")]
    public double WeightDecay { get; init; } = 2.0;

    [ConfigKey("AdamW beta1 (momentum of the gradient average).", Group = "Optimisation")]
    public double Beta1 { get; init; } = 0.9;

    [ConfigKey("AdamW beta2 (momentum of the squared-gradient average). The paper uses 0.98.", Group = "Optimisation")]
    public double Beta2 { get; init; } = 0.98;

    [ConfigKey("Clip the global gradient norm to this value; 0 turns clipping off (the paper does not clip).", Group = "Optimisation")]
    public double GradClip { get; init; } = 0;

    // ---- Run ---------------------------------------------------------------------------------

    [ConfigKey("Evaluate the four sets (i.d./o.o.d. × train/test pairs) every this many steps. The paper uses 1000.", Group = "Run")]
    public int EvalEvery { get; init; } = 1000;

    [ConfigKey("Log the training loss (mean over the steps since the previous log point), the learning rate and the gradient norm every this many steps, for per-step curves between evaluations.", Group = "Run")]
    public int LogEvery { get; init; } = 10;

    [ConfigKey("Sequences per evaluation set, spread evenly over that set's tasks.", Group = "Run")]
    public int EvalSequences { get; init; } = 1024;

    [ConfigKey("Measure the model's structure at every evaluation: copy-free held-out accuracy (contexts from training pairs, queries from held-out pairs, so nothing can be copied) for i.d. and unseen tasks, agreement with ratio matching and modular regression, attention patterns per layer and head, and the embedding's top-frequency share. About 1% of a run's time; `false` leaves them out.", Group = "Run")]
    public bool StructureMetrics { get; init; } = true;

    [ConfigKey("Early stop: end the run when o.o.d. test accuracy (mean over shots) has not improved for this many evaluations in a row; 0 = off (train every step). The best-o.o.d. checkpoint is kept either way.", Group = "Run")]
    public int StopPatience { get; init; }

    [ConfigKey("Number of log-spaced checkpoints kept for early stopping and analysis (the last and the best-o.o.d. checkpoints are kept besides).", Group = "Run")]
    public int CheckpointCount { get; init; } = 8;

    [ConfigKey("Seed of everything random in the run: task choice, pair split, initialisation and batches.", Group = "Run")]
    public int Seed { get; init; } = 0;

    [ConfigKey("`auto` (CUDA when available, else CPU), `cpu` or `cuda`.", Group = "Run")]
    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    [ConfigKey("CPU threads for this run's tensor maths; 0 uses every core.", Group = "Run")]
    public int Threads { get; init; }

    /// <summary>Head dimension, derived.</summary>
    [JsonIgnore] public int HeadDim => DModel / Heads;

    /// <summary>Tokens the model reads: the whole sequence but its last z.</summary>
    [JsonIgnore] public int ContextLength => 3 * ExamplesPerSequence - 1;
}

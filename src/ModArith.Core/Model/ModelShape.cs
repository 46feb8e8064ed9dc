using ModArith.Core.Config;

namespace ModArith.Core.Model;

/// <summary>The hyperparameters that fix a model's architecture (a subset of the run config).</summary>
public sealed record ModelShape(int VocabSize, int Depth, int DModel, int Heads, int MlpRatio, double RopeTheta, int ContextLength)
{
    public int HeadDim => DModel / Heads;

    public static ModelShape From(RunConfig c) =>
        new(c.P, c.Depth, c.DModel, c.Heads, c.MlpRatio, c.RopeTheta, c.ContextLength);

    /// <summary>Parameter count: tied embedding (once), per block QKV + out + MLP + 2 LayerNorms, final LayerNorm.</summary>
    public long ParameterCount =>
        (long)VocabSize * DModel
        + Depth * (4L * DModel * DModel + 2L * MlpRatio * DModel * DModel + 4L * DModel)
        + 2L * DModel;
}

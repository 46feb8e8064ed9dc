using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Model;

/// <summary>Position-wise ReLU MLP, no biases: d → ratio·d → d.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Linear output;

    /// <summary>When set, the post-ReLU hidden activations [batch, time, ratio·d] are stored here.</summary>
    public bool CaptureActivations { get; set; }

    public Tensor? CapturedActivations { get; private set; }

    public Mlp(string name, ModelShape shape) : base(name)
    {
        hidden = nn.Linear(shape.DModel, shape.MlpRatio * shape.DModel, hasBias: false);
        output = nn.Linear(shape.MlpRatio * shape.DModel, shape.DModel, hasBias: false);
        RegisterComponents();
    }

    public Linear HiddenProjection => hidden;
    public Linear OutputProjection => output;

    public override Tensor forward(Tensor x)
    {
        var activations = nn.functional.relu(hidden.call(x));
        if (CaptureActivations)
        {
            CapturedActivations?.Dispose();
            CapturedActivations = activations.detach().clone().DetachFromDisposeScope();
        }
        return output.call(activations);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) CapturedActivations?.Dispose();
        base.Dispose(disposing);
    }
}

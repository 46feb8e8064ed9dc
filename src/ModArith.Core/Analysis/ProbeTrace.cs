using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// What <see cref="ModelProbe"/> saw at the suffix positions (s of them, after a prefix of T₀
/// tokens). Tensors belong to the caller's dispose scope; lists are empty when not requested.
/// </summary>
public sealed class ProbeTrace
{
    /// <summary>Next-token logits [n, s, p].</summary>
    public required Tensor Logits { get; init; }

    /// <summary>Per layer: attention probabilities of the suffix queries over every key [n, heads, s, T₀ + s].</summary>
    public required IReadOnlyList<Tensor> Attention { get; init; }

    /// <summary>Per layer: each head's output (its attention-weighted values, before the output projection) [n, heads, s, headDim].</summary>
    public required IReadOnlyList<Tensor> HeadOutputs { get; init; }

    /// <summary>Post-ReLU MLP activations of the requested layer [n, s, mlpWidth], or null.</summary>
    public Tensor? MlpActivations { get; init; }
}

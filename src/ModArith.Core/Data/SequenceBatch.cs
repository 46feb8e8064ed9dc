using static TorchSharp.torch;

namespace ModArith.Core.Data;

/// <summary>
/// One batch: the model's inputs [n, 3k-1], the z targets [n, k] and each row's task index
/// into its set's task list [n]. Created inside the caller's dispose scope.
/// </summary>
public sealed record SequenceBatch(Tensor Inputs, Tensor Targets, Tensor TaskIndex)
{
    public static SequenceBatch FromTokens(Tensor tokens, Tensor taskIndex)
    {
        long length = tokens.shape[1];
        return new SequenceBatch(
            tokens.narrow(1, 0, length - 1),
            tokens.view(tokens.shape[0], -1, 3).select(-1, 2),
            taskIndex);
    }
}

namespace ModArith.Data;

/// <summary>
/// Why a checkpoint was written. Stored as text; a run keeps many log-spaced checkpoints but
/// only one "last" and one "best o.o.d." file, which are overwritten in place.
/// </summary>
public enum CheckpointKind
{
    /// <summary>Saved at log-spaced steps so the training dynamics can be analysed later.</summary>
    LogSpaced,

    /// <summary>The most recent state, used to resume an interrupted run.</summary>
    Last,

    /// <summary>The state with the best out-of-distribution test accuracy so far.</summary>
    BestOod,
}

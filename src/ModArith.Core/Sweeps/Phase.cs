namespace ModArith.Core.Sweeps;

/// <summary>
/// The paper's four phases of one run (one cell of the phase diagram), each adding a solved set
/// to the one before, plus <see cref="NotLearned"/> for a run that has not even solved its own
/// training sequences (early in training, or a failed run).
/// </summary>
public enum Phase
{
    /// <summary>S_id_train not solved: no phase yet.</summary>
    NotLearned,
    /// <summary>Only S_id_train solved: the pre-training tasks on their training pairs.</summary>
    IdMemorization,
    /// <summary>S_id_train and S_id_test solved: the pre-training tasks on held-out pairs too.</summary>
    IdGeneralization,
    /// <summary>S_ood_train solved but not S_ood_test: unseen tasks, but only on pairs seen in training.</summary>
    OodMemorization,
    /// <summary>All four sets solved: unseen tasks on unseen pairs, purely in context.</summary>
    OodGeneralization,
}

namespace ModArith.Core.Data;

/// <summary>The paper's four evaluation sets: i.d./o.o.d. tasks × train/test (x, y) pairs.</summary>
public enum EvalSet
{
    /// <summary>S_id_train: pre-training tasks on train pairs — the only set trained on.</summary>
    IdTrain,
    /// <summary>S_id_test: pre-training tasks on held-out pairs.</summary>
    IdTest,
    /// <summary>S_ood_train: unseen tasks on train pairs.</summary>
    OodTrain,
    /// <summary>S_ood_test: unseen tasks on held-out pairs — in-context generalisation.</summary>
    OodTest,
}

namespace ModArith.Core.Data;

/// <summary>
/// One value per evaluation set (a loss, an accuracy, a set's metrics, a chart line...), so code that
/// handles the four sets loops over <see cref="EvalSetNames.All"/> instead of spelling out
/// i.d./o.o.d. × train/test by hand.
/// </summary>
public sealed record EvalSets<T>(T IdTrain, T IdTest, T OodTrain, T OodTest)
{
    public T this[EvalSet set] => set switch
    {
        EvalSet.IdTrain => IdTrain,
        EvalSet.IdTest => IdTest,
        EvalSet.OodTrain => OodTrain,
        EvalSet.OodTest => OodTest,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "not an evaluation set"),
    };

    public static EvalSets<T> From(Func<EvalSet, T> value) =>
        new(value(EvalSet.IdTrain), value(EvalSet.IdTest), value(EvalSet.OodTrain), value(EvalSet.OodTest));

    public EvalSets<TOut> Select<TOut>(Func<T, TOut> map) => new(map(IdTrain), map(IdTest), map(OodTrain), map(OodTest));
}

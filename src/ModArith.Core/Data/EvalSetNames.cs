namespace ModArith.Core.Data;

/// <summary>How the evaluation sets are named: in files and JSON (camelCase keys) and for people (labels).</summary>
public static class EvalSetNames
{
    /// <summary>The four sets in their fixed order (columns, legends, colours).</summary>
    public static readonly IReadOnlyList<EvalSet> All = [EvalSet.IdTrain, EvalSet.IdTest, EvalSet.OodTrain, EvalSet.OodTest];

    /// <summary>The set's key in CSV headers, JSON and URLs: idTrain, idTest, oodTrain, oodTest.</summary>
    public static string Key(EvalSet set) => set switch
    {
        EvalSet.IdTrain => "idTrain",
        EvalSet.IdTest => "idTest",
        EvalSet.OodTrain => "oodTrain",
        _ => "oodTest",
    };

    /// <summary>The set as the pages label it: i.d. train, i.d. test, o.o.d. train, o.o.d. test.</summary>
    public static string Label(EvalSet set) => set switch
    {
        EvalSet.IdTrain => "i.d. train",
        EvalSet.IdTest => "i.d. test",
        EvalSet.OodTrain => "o.o.d. train",
        _ => "o.o.d. test",
    };
}

using ModArith.Core.Config;
using ModArith.Core.Tasks;
using static TorchSharp.torch;

namespace ModArith.Core.Data;

/// <summary>
/// The fixed data of a run: which tasks are i.d./o.o.d. and which (x, y) pairs are train/test,
/// as lookup tensors for fast sequence generation. Deterministic in the config.
/// </summary>
public sealed class ExperimentData : IDisposable
{
    public RunConfig Config { get; }
    public TaskSplit Tasks { get; }
    public PairSplit Pairs { get; }

    private readonly Tensor idTasks, oodTasks, trainPairs, testPairs; // [n, 2] int64 on the CPU

    public ExperimentData(RunConfig config)
    {
        Config = config;
        Tasks = TaskSplit.Create(config);
        Pairs = PairSplit.Create(config.P, config.Alpha, config.Seed);
        idTasks = ToTensor(Tasks.IdTasks.Select(t => (t.A, t.B)));
        oodTasks = ToTensor(Tasks.OodTasks.Select(t => (t.A, t.B)));
        trainPairs = ToTensor(Pairs.TrainPairs.Select(q => (q.X, q.Y)));
        testPairs = ToTensor(Pairs.TestPairs.Select(q => (q.X, q.Y)));
    }

    public int P => Config.P;

    /// <summary>Task vectors [n, 2] and pairs [m, 2] of one evaluation set.</summary>
    public (Tensor Tasks, Tensor Pairs) Set(EvalSet set) => set switch
    {
        EvalSet.IdTrain => (idTasks, trainPairs),
        EvalSet.IdTest => (idTasks, testPairs),
        EvalSet.OodTrain => (oodTasks, trainPairs),
        EvalSet.OodTest => (oodTasks, testPairs),
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    /// <summary>A set can be evaluated when it has at least one task and one pair (alpha = 1 leaves no test pairs).</summary>
    public bool IsEmpty(EvalSet set)
    {
        var (t, q) = Set(set);
        return t.shape[0] == 0 || q.shape[0] == 0;
    }

    private static Tensor ToTensor(IEnumerable<(int, int)> rows)
    {
        var flat = rows.SelectMany(r => new long[] { r.Item1, r.Item2 }).ToArray();
        var t = tensor(flat, dtype: ScalarType.Int64).view(-1, 2);
        t.DetachFromDisposeScope();
        return t;
    }

    public void Dispose()
    {
        idTasks.Dispose();
        oodTasks.Dispose();
        trainPairs.Dispose();
        testPairs.Dispose();
    }
}

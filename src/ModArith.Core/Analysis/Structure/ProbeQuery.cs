using ModArith.Core.Tasks;

namespace ModArith.Core.Analysis.Structure;

/// <summary>One probe: a task, the in-context examples shown, and the query (x, y) whose z is asked.</summary>
public sealed record ProbeQuery(ModularTask Task, IReadOnlyList<ContextExample> Context, int X, int Y, int P)
{
    public int Answer => Task.Apply(X, Y, P);

    /// <summary>x1 y1 z1 … xn yn zn x y: the tokens the model reads; it answers with its prediction at the last one.</summary>
    public long[] Tokens() => [.. Context.SelectMany(e => new long[] { e.X, e.Y, e.Z }), X, Y];
}

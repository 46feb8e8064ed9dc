using ModArith.Core.Tasks;

namespace ModArith.Core.Analysis;

/// <summary>
/// The fixed part of the sequences an analysis feeds the model: a task (a, b) and its k in-context
/// examples, which precede the query (x, y) being varied.
/// </summary>
public sealed record AnalysisContext(int P, ModularTask Task, IReadOnlyList<ContextExample> Examples)
{
    public int Shots => Examples.Count;

    /// <summary>The context's tokens x₁ y₁ z₁ x₂ … (3k of them).</summary>
    public long[] Tokens() => Examples.SelectMany(e => new long[] { e.X, e.Y, e.Z }).ToArray();

    /// <summary>
    /// A random context: k pairs drawn independently and uniformly from <paramref name="pairs"/>
    /// (callers pass the run's train pairs, from which its training sequences were drawn, the same
    /// way), labelled by the task. Deterministic in the seed.
    /// </summary>
    public static AnalysisContext Random(int p, ModularTask task, int shots, IReadOnlyList<InputPair> pairs, int seed)
    {
        if (pairs.Count == 0) throw new ArgumentException("no pairs to draw the context from", nameof(pairs));
        var rng = new Random(seed);
        var examples = Enumerable.Range(0, shots).Select(_ =>
        {
            var q = pairs[rng.Next(pairs.Count)];
            return new ContextExample(q.X, q.Y, task.Apply(q.X, q.Y, p));
        }).ToArray();
        return new AnalysisContext(p, task, examples);
    }

    /// <summary>
    /// A context typed in by hand, checked against the task: every token in 0..p-1, z = a·x + b·y
    /// (mod p), and exactly <paramref name="shots"/> examples. Errors name context[i].
    /// </summary>
    public static (AnalysisContext? Context, IReadOnlyList<ParameterError> Errors) Typed(int p, ModularTask task, int shots, IReadOnlyList<int[]> triples)
    {
        var errors = new List<ParameterError>();
        if (triples.Count != shots)
            errors.Add(new ParameterError("context", $"has {triples.Count} example{(triples.Count == 1 ? "" : "s")} but shots = {shots}; give exactly {shots} triple{(shots == 1 ? "" : "s")} x,y,z"));
        var examples = new List<ContextExample>();
        for (int i = 0; i < triples.Count; i++)
        {
            var t = triples[i];
            string field = $"context[{i}]";
            if (t.Length != 3) { errors.Add(new ParameterError(field, $"must be three tokens x,y,z; got {t.Length}")); continue; }
            if (t.Any(v => v < 0 || v >= p)) { errors.Add(new ParameterError(field, $"tokens must be in 0..{p - 1}; got {string.Join(",", t)}")); continue; }
            int expected = task.Apply(t[0], t[1], p);
            if (t[2] != expected)
                errors.Add(new ParameterError(field, $"z must be a·x + b·y mod p = {task.A}·{t[0]} + {task.B}·{t[1]} mod {p} = {expected} for task {task}; got {t[2]}"));
            else examples.Add(new ContextExample(t[0], t[1], t[2]));
        }
        return errors.Count > 0 ? (null, errors) : (new AnalysisContext(p, task, examples), []);
    }
}

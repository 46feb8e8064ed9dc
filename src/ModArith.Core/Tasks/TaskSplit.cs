using ModArith.Core.Config;

namespace ModArith.Core.Tasks;

/// <summary>
/// Which tasks (a, b) are pre-trained on (in-distribution) and which are held out
/// (out-of-distribution). Deterministic in (p, rule, n_id, cap, seed).
/// </summary>
public sealed class TaskSplit
{
    public required IReadOnlyList<ModularTask> IdTasks { get; init; }
    public required IReadOnlyList<ModularTask> OodTasks { get; init; }

    /// <summary>Upper bound on attempts of the rectangle sampler before n_id is declared unreachable.</summary>
    private const int MaxRectangleAttempts = 200_000;

    public static TaskSplit Create(RunConfig config) =>
        Create(config.P, config.TaskSplit, config.NumTasks, config.MaxOodTasks, config.Seed);

    public static TaskSplit Create(int p, TaskSplitRule rule, int numTasks, int maxOodTasks, int seed)
    {
        // Task choice has its own stream, so changing the batch sampler never changes which tasks a seed picks.
        var rng = TaskChoiceRandom(seed);
        var id = rule == TaskSplitRule.Rectangle
            ? ChooseByRectangles(p, numTasks, rng)
            : ChooseUniformly(p, numTasks, rng);
        var idSet = id.ToHashSet();
        var ood = AllTasks(p).Where(t => !idSet.Contains(t)).ToArray();
        rng.Shuffle(ood);
        return new TaskSplit { IdTasks = id, OodTasks = ood.Take(maxOodTasks).ToArray() };
    }

    /// <summary>
    /// Returns null when the rectangle rule reaches n_id tasks for this p and seed, else the reason.
    /// The greedy rule can saturate before p² (e.g. 36 of 49 at p = 7), at a point that depends on
    /// the seed, so the check draws exactly as the run will.
    /// </summary>
    public static string? RectangleRuleProblem(int p, int numTasks, int seed)
    {
        if (numTasks % 4 != 0) return "must be a multiple of 4 for the rectangle rule (n_id = 4 × rectangles)";
        try { ChooseByRectangles(p, numTasks, TaskChoiceRandom(seed)); return null; }
        catch (InvalidOperationException e) { return e.Message; }
    }

    private static Random TaskChoiceRandom(int seed) => new(Seeds.Derive(seed, Seeds.TaskChoice));

    public static IEnumerable<ModularTask> AllTasks(int p)
    {
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                yield return new ModularTask(a, b);
    }

    /// <summary>
    /// The paper's rule: draw (a, b), then x' ∉ {a, b} and y' ∉ {a, b, x'}, and take the four corners
    /// (a, b), (a, y'), (x', b), (x', y'). A rectangle is kept only when all four corners are new, so
    /// the result is exactly 4·n_pl distinct tasks made of whole rectangles.
    /// </summary>
    private static List<ModularTask> ChooseByRectangles(int p, int numTasks, Random rng)
    {
        var chosen = new List<ModularTask>(numTasks);
        var seen = new HashSet<ModularTask>();
        for (int attempt = 0; chosen.Count < numTasks; attempt++)
        {
            if (attempt >= MaxRectangleAttempts)
                throw new InvalidOperationException($"the rectangle rule could not place {numTasks} tasks among the {p * p} of p = {p} (reached {chosen.Count}); use fewer tasks, another seed, or taskSplit = random");
            int a = rng.Next(p), b = rng.Next(p);
            int x = DrawExcluding(rng, p, a, b);
            int y = DrawExcluding(rng, p, a, b, x);
            if (x < 0 || y < 0) continue;
            ModularTask[] corners = [new(a, b), new(a, y), new(x, b), new(x, y)];
            if (corners.Distinct().Count() < 4 || corners.Any(seen.Contains)) continue;
            foreach (var c in corners) { seen.Add(c); chosen.Add(c); }
        }
        return chosen;
    }

    private static int DrawExcluding(Random rng, int p, params int[] excluded)
    {
        var allowed = Enumerable.Range(0, p).Where(v => Array.IndexOf(excluded, v) < 0).ToArray();
        return allowed.Length == 0 ? -1 : allowed[rng.Next(allowed.Length)];
    }

    private static List<ModularTask> ChooseUniformly(int p, int numTasks, Random rng)
    {
        var all = AllTasks(p).ToArray();
        rng.Shuffle(all);
        return all.Take(numTasks).ToList();
    }
}

namespace ModArith.Web.Analysis;

/// <summary>
/// Least-recently-used results of analyses, keyed by checkpoint file (with its write time: "last"
/// and "best-o.o.d." are rewritten in place) and normalised request, so reopening a view is instant.
/// </summary>
public sealed class AnalysisCache
{
    public const int Capacity = 64;
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, object Value)> entries = new();

    public bool TryGet<T>(string key, out T value)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key || node.Value.Value is not T found) continue;
                entries.Remove(node);
                entries.AddFirst(node);
                value = found;
                return true;
            }
        }
        value = default!;
        return false;
    }

    public void Add(string key, object value)
    {
        lock (gate)
        {
            entries.AddFirst((key, value));
            while (entries.Count > Capacity) entries.RemoveLast();
        }
    }

    public int Count { get { lock (gate) return entries.Count; } }
}

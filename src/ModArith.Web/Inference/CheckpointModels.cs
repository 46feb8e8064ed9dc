using ModArith.Core.Model;
using ModArith.Core.Training;
using static TorchSharp.torch;

namespace ModArith.Web.Inference;

/// <summary>
/// Models loaded from checkpoints for inference, kept for reuse (a checkpoint file is rewritten in
/// place for "last" and "best-o.o.d.", so the cache key includes its write time). Inference runs
/// under a lock: one forward at a time per process, on the request's thread.
/// </summary>
public sealed class CheckpointModels : IDisposable
{
    private const int Capacity = 4;
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, Gpt Model, CheckpointHeader Header)> cache = new();

    /// <summary>Runs <paramref name="use"/> with the checkpoint's model in eval mode, without gradients.</summary>
    public T With<T>(string path, Func<Gpt, CheckpointHeader, T> use)
    {
        lock (gate)
        {
            var entry = Get(path);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return use(entry.Model, entry.Header);
        }
    }

    private (string Key, Gpt Model, CheckpointHeader Header) Get(string path)
    {
        var key = path + "@" + File.GetLastWriteTimeUtc(path).Ticks;
        for (var node = cache.First; node is not null; node = node.Next)
        {
            if (node.Value.Key != key) continue;
            cache.Remove(node);
            cache.AddFirst(node);
            return node.Value;
        }
        var (model, header) = Checkpoint.LoadModel(path, CPU);
        cache.AddFirst((key, model, header));
        while (cache.Count > Capacity)
        {
            cache.Last!.Value.Model.Dispose();
            cache.RemoveLast();
        }
        return cache.First!.Value;
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var e in cache) e.Model.Dispose();
            cache.Clear();
        }
    }
}

using static TorchSharp.torch;

namespace ModArith.Core.Analysis.Structure;

/// <summary>Summarises captured attention [batch, heads, T, T] of x y z … sequences as <see cref="AttentionPattern"/>s.</summary>
public static class AttentionStructure
{
    private enum Kind { X = 0, Y = 1, Z = 2 }

    /// <param name="attention">Softmax weights [batch, heads, query, key] of one layer.</param>
    public static IReadOnlyList<AttentionPattern> Summarise(int layer, Tensor attention)
    {
        using var scope = NewDisposeScope();
        int time = (int)attention.shape[2], heads = (int)attention.shape[1];
        var weights = attention.to(ScalarType.Float64);
        // Mass from each query position onto the keys of one relation, averaged over the queries of one kind.
        double[] Mean(Kind from, Func<int, int, bool> relation)
        {
            var mask = new double[time * time];
            var queries = new List<long>();
            for (int q = 0; q < time; q++)
            {
                if (q % 3 != (int)from || q < 3) continue; // examples 2..n: the first has nothing earlier
                queries.Add(q);
                for (int k = 0; k <= q; k++) if (relation(q, k)) mask[q * time + k] = 1;
            }
            if (queries.Count == 0) return new double[heads];
            var mass = (weights * tensor(mask).view(time, time)).sum(-1);                    // [batch, heads, T]
            var picked = mass.index_select(2, tensor(queries.ToArray()));                  // [batch, heads, queries]
            return picked.mean([0L, 2L]).cpu().data<double>().ToArray();
        }
        static bool Own(int q, int k, Kind kind) => k / 3 == q / 3 && k % 3 == (int)kind;
        static bool Earlier(int q, int k, Kind kind) => k / 3 < q / 3 && k % 3 == (int)kind;

        var yOwnX = Mean(Kind.Y, (q, k) => Own(q, k, Kind.X));
        var yEarlierX = Mean(Kind.Y, (q, k) => Earlier(q, k, Kind.X));
        var yEarlierY = Mean(Kind.Y, (q, k) => Earlier(q, k, Kind.Y));
        var yEarlierZ = Mean(Kind.Y, (q, k) => Earlier(q, k, Kind.Z));
        var zOwnX = Mean(Kind.Z, (q, k) => Own(q, k, Kind.X));
        var zOwnY = Mean(Kind.Z, (q, k) => Own(q, k, Kind.Y));
        var zEarlierX = Mean(Kind.Z, (q, k) => Earlier(q, k, Kind.X));
        var zEarlierY = Mean(Kind.Z, (q, k) => Earlier(q, k, Kind.Y));
        var zEarlierZ = Mean(Kind.Z, (q, k) => Earlier(q, k, Kind.Z));
        return Enumerable.Range(0, heads).Select(h => new AttentionPattern(layer, h,
            yOwnX[h], yEarlierX[h], yEarlierY[h], yEarlierZ[h], zOwnX[h], zOwnY[h], zEarlierX[h], zEarlierY[h], zEarlierZ[h])).ToList();
    }
}

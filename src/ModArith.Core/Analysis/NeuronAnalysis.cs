using ModArith.Core.Model;
using static TorchSharp.torch;

namespace ModArith.Core.Analysis;

/// <summary>
/// MLP neurons as functions of the query: every neuron's activation at the query's x, y or z
/// position for all p² queries (x, y), the context held fixed. Neurons are ranked by their variance
/// over the grid (dead or constant neurons say nothing about the query); the top ones get their
/// 2-D Fourier spectrum. At the x position a neuron can only depend on x (causal attention).
/// </summary>
public static class NeuronAnalysis
{
    /// <summary>Call under no_grad inside a dispose scope.</summary>
    public static NeuronMaps Compute(Gpt model, AnalysisContext context, int layer, QueryPosition position, int top)
    {
        int p = context.P;
        var trace = ModelProbe.Run(model, context.Tokens(), QueryGrid.Suffixes(context, position), mlpLayer: layer);
        var activations = trace.MlpActivations![.., (int)position].to(ScalarType.Float64).cpu();   // [p², width]
        long width = activations.shape[1];
        var variance = activations.var(0);
        var (values, indices) = variance.topk((int)Math.Min(top, width));
        var maps = activations.index_select(1, indices).t().reshape(-1, p, p);   // [top, p, p], [x, y]
        var spectra = FourierSpectrum.Magnitudes(maps);
        var mapData = maps.contiguous().data<double>().ToArray();
        var spectrumData = spectra.contiguous().data<double>().ToArray();
        var order = indices.data<long>().ToArray();
        var variances = values.data<double>().ToArray();
        var neurons = new List<NeuronMap>();
        for (int i = 0; i < order.Length; i++)
        {
            var map = Grid(mapData, i, p);
            var spectrum = Grid(spectrumData, i, p);
            neurons.Add(new NeuronMap((int)order[i], variances[i], map, spectrum, FourierSpectrum.Dominant(spectrum)));
        }
        return new NeuronMaps(layer, position, (int)width, neurons);
    }

    private static double[][] Grid(double[] flat, int index, int p) =>
        Enumerable.Range(0, p).Select(r => flat.AsSpan(index * p * p + r * p, p).ToArray()).ToArray();
}

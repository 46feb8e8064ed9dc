namespace ModArith.Core.Analysis;

/// <summary>
/// One MLP neuron over the query grid: Activation[x][y] (post-ReLU), the variance that ranked it,
/// the magnitude of its 2-D DFT Spectrum[kx][ky] (frequencies 0..p-1) and its dominant frequencies.
/// </summary>
public sealed record NeuronMap(int Index, double Variance, double[][] Activation, double[][] Spectrum, IReadOnlyList<FrequencyPeak> Dominant);

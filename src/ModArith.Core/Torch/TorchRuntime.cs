using ModArith.Core.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace ModArith.Core.Torch;

/// <summary>Device choice and libtorch's process-wide thread setting.</summary>
public static class TorchRuntime
{
    public static bool CudaAvailable => cuda.is_available();

    /// <summary>auto → CUDA when libtorch sees a GPU, else CPU. Forcing cuda without one is an error.</summary>
    public static Device Resolve(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => CPU,
        DeviceChoice.Cuda when CudaAvailable => CUDA,
        DeviceChoice.Cuda => throw new InvalidConfigException([new ConfigError("device", "cuda was requested but libtorch sees no CUDA device (is this a CPU build? see README: TorchBackend=cuda)")]),
        _ => CudaAvailable ? CUDA : CPU,
    };

    /// <summary>
    /// Sets libtorch's intra-op threads. This is process-wide: a host running several runs at once
    /// must split one budget between them (the web app's job runner does).
    /// </summary>
    public static void UseThreads(int threads) =>
        set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
}

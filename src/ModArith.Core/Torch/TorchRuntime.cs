using System.Runtime.InteropServices;
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

    /// <summary>
    /// Call once, early, in a process that trains on threads other than the main one (the web
    /// app). glibc gives each new thread its own malloc arena; libtorch's many per-step tensor
    /// allocations then run measurably slower than on the main thread (cpu-small: 16.9 vs 17.9
    /// steps/s, mean of 4 runs each). Limiting glibc to one arena makes a training thread as fast as
    /// the main thread (17.8 steps/s, mean of 3). The cost is one allocator lock shared by all threads, which is
    /// negligible next to tensor maths. A no-op where glibc's mallopt is absent.
    /// </summary>
    public static void UseSingleMallocArena()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { _ = mallopt(MallocArenaMax, 1); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { }
    }

    private const int MallocArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}

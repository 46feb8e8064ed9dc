namespace ModArith.Core.Config;

/// <summary>Where a run trains. Auto picks CUDA when libtorch sees a GPU, else the CPU.</summary>
public enum DeviceChoice
{
    Auto,
    Cpu,
    Cuda,
}

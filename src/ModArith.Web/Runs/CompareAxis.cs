namespace ModArith.Web.Runs;

/// <summary>What the comparison's x axis measures (as TensorBoard and W&amp;B offer).</summary>
public enum CompareAxis
{
    /// <summary>Training step.</summary>
    Step,
    /// <summary>Seconds of training since each run started: runs line up at their start.</summary>
    Relative,
    /// <summary>Clock time: runs side by side as they actually ran.</summary>
    WallTime,
}

namespace ModArith.Core.Config;

/// <summary>How the in-distribution (pre-training) tasks are chosen from all p² tasks.</summary>
public enum TaskSplitRule
{
    /// <summary>The paper's default: tasks come in rectangles (a,b),(a,y'),(x',b),(x',y').</summary>
    Rectangle,
    /// <summary>The ablation: n_id tasks drawn uniformly at random.</summary>
    Random,
}

namespace ModArith.Web.Tests.Store;

/// <summary>
/// The engine reports a checkpoint's kind with its own enum and the store keeps it as text in Data's;
/// the event writer maps one to the other by name, so both must name the same kinds.
/// </summary>
public sealed class CheckpointKindTests
{
    [Fact]
    public void The_engine_and_the_store_name_the_same_checkpoint_kinds()
    {
        Assert.Equal(Enum.GetNames<ModArith.Core.Training.CheckpointKind>().Order(), Enum.GetNames<ModArith.Data.CheckpointKind>().Order());
    }
}

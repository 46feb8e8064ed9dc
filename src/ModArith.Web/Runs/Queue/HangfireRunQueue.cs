using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using ModArith.Core.Config;
using ModArith.Data;

namespace ModArith.Web.Runs.Queue;

/// <summary>
/// The cluster mode's queue: one Hangfire job per run, in the queue of the device kind it asks for
/// ("cuda" only reaches a worker that has a GPU; everything else goes to "cpu").
/// </summary>
public sealed class HangfireRunQueue(IBackgroundJobClient jobs) : IRunQueue
{
    public void Enqueue(Run run)
    {
        int runId = run.Id;
        jobs.Create(Job.FromExpression<RunJob>(j => j.Train(runId, JobCancellationToken.Null)), new EnqueuedState(QueueFor(run)));
    }

    public static string QueueFor(Run run) => ConfigLoader.Load(run.ConfigJson).Device == DeviceChoice.Cuda ? "cuda" : "cpu";
}

using System.CommandLine;
using System.Runtime.InteropServices;
using ModArith.Cli.Commands;

// Headless front end of ModArith.Core: train, resume, evaluate and benchmark from a shell.
var root = new RootCommand("ModArith: in-context learning of z = a·x + b·y (mod p) with a GPT trained in TorchSharp.")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    PresetsCommand.Create(),
};

// Ctrl+C (SIGINT) and SIGTERM ask the command to stop: training finishes its step and saves a
// resumable checkpoint. System.CommandLine's own handler would end the process a fixed 2 s after
// the signal, mid-save for a large model, so it is turned off. A second signal ends the process at once.
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (stop.IsCancellationRequested) return; // second signal: default action (terminate)
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping after the current step and saving a checkpoint (again to quit at once)");
    stop.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);

using System.CommandLine;
using ModArith.Cli.Commands;

// Headless front end of ModArith.Core: train, resume, evaluate and benchmark from a shell.
var root = new RootCommand("ModArith: in-context learning of z = a·x + b·y (mod p) with a GPT trained in TorchSharp.")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    PresetsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

using System.CommandLine;
using ModArith.Core.Config;
using Spectre.Console;

namespace ModArith.Cli.Commands;

/// <summary><c>presets</c>: lists the named base configs and every config key.</summary>
public static class PresetsCommand
{
    public static Command Create()
    {
        var command = new Command("presets", "List the presets and the config keys they set.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("preset", "version", "description");
            foreach (var p in Presets.All) table.AddRow(p.Name, p.Version.ToString(), Markup.Escape(p.Description));
            AnsiConsole.Write(table);
            Console.WriteLine();
            Console.Write(ConfigHelp.KeysText());
            return 0;
        });
        return command;
    }
}

using System.Text;
using ModArith.Core.Config;

namespace ModArith.Cli.Commands;

/// <summary>Help text for config keys, generated from the one documentation in RunConfig.</summary>
public static class ConfigHelp
{
    public static string KeysText()
    {
        var sb = new StringBuilder("Config keys (--set key=value; same names in config files and the REST API):\n");
        foreach (var group in ConfigSchema.Fields.GroupBy(f => f.Group))
        {
            sb.Append('\n').Append(group.Key).Append('\n');
            foreach (var f in group)
            {
                var def = ConfigLoader.FormatValue(f.DefaultValue);
                sb.Append($"  {f.Key,-22} {f.Description}");
                if (def.Length > 0) sb.Append($" [default {def}]");
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}

using System.Text;

namespace Kubewarden.Hosting.CommandLine;

/// <summary>Renders flag tables as markdown, for <c>--help</c> and for generated documentation (<c>docs --output FILE</c>).</summary>
public static class CommandLineHelp
{
    /// <summary>
    /// Renders one markdown table row per flag, in the given order: flag (with its short name and value name), environment
    /// variable, default, description, and support status (<c>not yet supported: reason</c> where applicable).
    /// </summary>
    /// <param name="flags">The flags to document.</param>
    /// <returns>The markdown table, ending with a newline.</returns>
    public static string Render(IReadOnlyList<CommandLineFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);

        var builder = new StringBuilder();
        builder.Append("| Flag | Environment variable | Default | Description | Status |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var flag in flags)
        {
            var name = flag.IsSwitch ? $"--{flag.Name}" : $"--{flag.Name} <{flag.ValueName ?? "VALUE"}>";
            if (flag.ShortName is { } letter)
            {
                name = $"-{letter}, {name}";
            }

            var defaultValue = flag.Default ?? (flag.IsSwitch ? "false" : null);
            builder.Append("| ").Append(Code(name))
                .Append(" | ").Append(flag.EnvironmentVariable is null ? "" : Code(flag.EnvironmentVariable))
                .Append(" | ").Append(defaultValue is null ? "" : Code(defaultValue))
                .Append(" | ").Append(Escape(flag.Help))
                .Append(" | ").Append(flag.NotYetSupported is null ? "" : "not yet supported: " + Escape(flag.NotYetSupported))
                .Append(" |\n");
        }

        return builder.ToString();
    }

    private static string Code(string text) => "`" + Escape(text) + "`";

    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

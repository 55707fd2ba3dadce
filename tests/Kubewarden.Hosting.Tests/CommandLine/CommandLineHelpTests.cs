using Kubewarden.Hosting.CommandLine;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.Hosting.Tests.CommandLine;

public sealed class CommandLineHelpTests
{
    [Fact]
    public void Render_PolicyServerFlags_HasOneRowPerFlag()
    {
        var markdown = CommandLineHelp.Render(PolicyServerFlags.All);
        var lines = markdown.TrimEnd('\n').Split('\n');

        Assert.Equal("| Flag | Environment variable | Default | Description | Status |", lines[0]);
        Assert.Equal(PolicyServerFlags.All.Count + 2, lines.Length);
        foreach (var flag in PolicyServerFlags.All)
        {
            var row = Assert.Single(lines, line => line.StartsWith($"| `--{flag.Name}", StringComparison.Ordinal)
                && (line[5 + flag.Name.Length] is ' ' or '`'));
            Assert.Contains($"`{flag.EnvironmentVariable}`", row, StringComparison.Ordinal);
            Assert.Contains(flag.Help, row, StringComparison.Ordinal);
            if (flag.Default is not null)
            {
                Assert.Contains($"`{flag.Default}`", row, StringComparison.Ordinal);
            }

            if (flag.NotYetSupported is not null)
            {
                Assert.EndsWith($"not yet supported: {flag.NotYetSupported} |", row, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Render_Row_ShowsValueNameShortNameAndEscapesPipes()
    {
        CommandLineFlag[] flags =
        [
            new() { Name = "output", ShortName = 'o', ValueName = "FILE", Help = "a|b", ConfigurationKey = "Docs:Output" },
            new() { Name = "daemon", IsSwitch = true, EnvironmentVariable = "D", Help = "h", ConfigurationKey = "D", NotYetSupported = "later" },
        ];

        var markdown = CommandLineHelp.Render(flags);

        Assert.Equal(
            "| Flag | Environment variable | Default | Description | Status |\n" +
            "|---|---|---|---|---|\n" +
            "| `-o, --output <FILE>` |  |  | a\\|b |  |\n" +
            "| `--daemon` | `D` | `false` | h | not yet supported: later |\n",
            markdown);
    }
}

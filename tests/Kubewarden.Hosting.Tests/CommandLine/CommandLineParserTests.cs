using System.Collections;
using Kubewarden.Hosting.CommandLine;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.Hosting.Tests.CommandLine;

public sealed class CommandLineParserTests
{
    private static CommandLineResult Parse(string[] args, Hashtable? environment = null) =>
        CommandLineParser.Parse(PolicyServerFlags.All, args, environment ?? [], PolicyServerFlags.Subcommands);

    private static string? Value(CommandLineResult result, CommandLineFlag flag) =>
        result.Values.GetValueOrDefault(flag.ConfigurationKey);

    [Fact]
    public void Parse_SwitchesBetweenValueFlags_ParsesEveryValueAndSwitch()
    {
        var result = Parse(
        [
            "--port", "3001", "--continue-on-errors", "--policies", "p.yml", "--enable-metrics", "--workers", "3",
            "--disable-timeout-protection", "--log-level", "debug", "--log-no-color", "--policy-timeout", "5",
            "--ignore-kubernetes-connection-failure", "--addr", "127.0.0.1", "--daemon", "--client-ca-file", "a.pem,b.pem",
            "--enable-pprof",
        ]);

        Assert.Empty(result.Errors);
        Assert.Equal("3001", Value(result, PolicyServerFlags.Port));
        Assert.Equal("p.yml", Value(result, PolicyServerFlags.Policies));
        Assert.Equal("3", Value(result, PolicyServerFlags.Workers));
        Assert.Equal("debug", Value(result, PolicyServerFlags.LogLevel));
        Assert.Equal("5", Value(result, PolicyServerFlags.PolicyTimeout));
        Assert.Equal("127.0.0.1", Value(result, PolicyServerFlags.Address));
        Assert.Equal("a.pem,b.pem", Value(result, PolicyServerFlags.ClientCaFile));
        foreach (var flag in new[]
        {
            PolicyServerFlags.ContinueOnErrors, PolicyServerFlags.EnableMetrics, PolicyServerFlags.DisableTimeoutProtection,
            PolicyServerFlags.LogNoColor, PolicyServerFlags.IgnoreKubernetesConnectionFailure, PolicyServerFlags.Daemon,
            PolicyServerFlags.EnablePprof,
        })
        {
            Assert.Equal("true", Value(result, flag));
            Assert.Equal(CommandLineValueSource.CommandLine, result.Sources[flag.ConfigurationKey]);
        }

        Assert.Equal("8081", Value(result, PolicyServerFlags.ReadinessProbePort));
        Assert.Equal("text", Value(result, PolicyServerFlags.LogFormat));
        Assert.Null(result.Subcommand);
        Assert.False(result.HelpRequested);
    }

    [Fact]
    public void Parse_NoArguments_YieldsDefaultsAndFalseSwitches()
    {
        var result = Parse([]);

        Assert.Empty(result.Errors);
        Assert.Equal("0.0.0.0", Value(result, PolicyServerFlags.Address));
        Assert.Equal("3000", Value(result, PolicyServerFlags.Port));
        Assert.Equal("policies.yml", Value(result, PolicyServerFlags.Policies));
        Assert.Equal("2", Value(result, PolicyServerFlags.PolicyTimeout));
        Assert.Equal("false", Value(result, PolicyServerFlags.EnableMetrics));
        Assert.False(result.Values.ContainsKey(PolicyServerFlags.CertFile.ConfigurationKey));
        Assert.False(result.Values.ContainsKey(PolicyServerFlags.Workers.ConfigurationKey));
        Assert.Equal(CommandLineValueSource.Default, result.Sources[PolicyServerFlags.Port.ConfigurationKey]);
        Assert.Empty(result.UsedUnsupported);
    }

    [Fact]
    public void Parse_EqualsSyntax_TakesTheValueAfterTheFirstEquals()
    {
        var result = Parse(
        [
            "--port=3001", "--policies=dir/p.yml", "--always-accept-admission-reviews-on-namespace=-odd=ns",
            "--client-ca-file=a.pem,b.pem",
        ]);

        Assert.Empty(result.Errors);
        Assert.Equal("3001", Value(result, PolicyServerFlags.Port));
        Assert.Equal("dir/p.yml", Value(result, PolicyServerFlags.Policies));
        Assert.Equal("-odd=ns", Value(result, PolicyServerFlags.AlwaysAcceptAdmissionReviewsOnNamespace));
        Assert.Equal("a.pem,b.pem", Value(result, PolicyServerFlags.ClientCaFile));
    }

    [Fact]
    public void Parse_SwitchWithExplicitValue_AcceptsBooleanSpellings()
    {
        var result = Parse(["--enable-metrics=false", "--daemon=true", "--log-no-color=NO", "--continue-on-errors=1"]);

        Assert.Empty(result.Errors);
        Assert.Equal("false", Value(result, PolicyServerFlags.EnableMetrics));
        Assert.Equal("true", Value(result, PolicyServerFlags.Daemon));
        Assert.Equal("false", Value(result, PolicyServerFlags.LogNoColor));
        Assert.Equal("true", Value(result, PolicyServerFlags.ContinueOnErrors));
    }

    [Fact]
    public void Parse_SwitchWithBadExplicitValue_ReportsFlagAndValue()
    {
        var result = Parse(["--enable-metrics=maybe"]);

        Assert.Equal(
            ["invalid value 'maybe' for '--enable-metrics': expected one of true, false, 1, 0, yes, no"],
            result.Errors);
    }

    [Fact]
    public void Parse_Environment_IsFallbackAndCommandLineWins()
    {
        var environment = new Hashtable
        {
            ["KUBEWARDEN_PORT"] = "4000",
            ["KUBEWARDEN_POLICIES"] = "/config/policies.yml",
            ["KUBEWARDEN_ENABLE_METRICS"] = "true",
            ["KUBEWARDEN_LOG_LEVEL"] = "",
        };

        var result = Parse(["--port", "5000", "--enable-metrics=false"], environment);

        Assert.Empty(result.Errors);
        Assert.Equal("5000", Value(result, PolicyServerFlags.Port));
        Assert.Equal(CommandLineValueSource.CommandLine, result.Sources[PolicyServerFlags.Port.ConfigurationKey]);
        Assert.Equal("/config/policies.yml", Value(result, PolicyServerFlags.Policies));
        Assert.Equal(CommandLineValueSource.Environment, result.Sources[PolicyServerFlags.Policies.ConfigurationKey]);
        Assert.Equal("false", Value(result, PolicyServerFlags.EnableMetrics));
        Assert.Equal("info", Value(result, PolicyServerFlags.LogLevel));
        Assert.Equal(CommandLineValueSource.Default, result.Sources[PolicyServerFlags.LogLevel.ConfigurationKey]);
    }

    [Fact]
    public void Parse_SwitchOnCommandLine_OverridesFalseEnvironment()
    {
        var result = Parse(["--enable-metrics"], new Hashtable { ["KUBEWARDEN_ENABLE_METRICS"] = "false" });

        Assert.Equal("true", Value(result, PolicyServerFlags.EnableMetrics));
    }

    [Theory]
    [InlineData("1", "true")]
    [InlineData("yes", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("Yes", "true")]
    [InlineData("0", "false")]
    [InlineData("no", "false")]
    [InlineData("False", "false")]
    public void Parse_BooleanEnvironmentValue_IsNormalised(string text, string expected)
    {
        var result = Parse([], new Hashtable { ["KUBEWARDEN_DISABLE_TIMEOUT_PROTECTION"] = text, ["NO_COLOR"] = text });

        Assert.Empty(result.Errors);
        Assert.Equal(expected, Value(result, PolicyServerFlags.DisableTimeoutProtection));
        Assert.Equal(expected, Value(result, PolicyServerFlags.LogNoColor));
        Assert.Equal(CommandLineValueSource.Environment, result.Sources[PolicyServerFlags.LogNoColor.ConfigurationKey]);
    }

    [Fact]
    public void Parse_BadBooleanEnvironmentValue_NamesTheVariable()
    {
        var result = Parse([], new Hashtable { ["KUBEWARDEN_ENABLE_METRICS"] = "enabled" });

        Assert.Equal(
            ["invalid value 'enabled' for environment variable KUBEWARDEN_ENABLE_METRICS (--enable-metrics): " +
             "expected one of true, false, 1, 0, yes, no"],
            result.Errors);
    }

    [Fact]
    public void Parse_UnknownFlag_IsAnErrorAndParsingContinues()
    {
        var result = Parse(["--foo", "--port", "3001", "--bar=1", "-x"]);

        Assert.Equal(
            ["unexpected argument '--foo' found", "unexpected argument '--bar' found", "unexpected argument '-x' found"],
            result.Errors);
        Assert.Equal("3001", Value(result, PolicyServerFlags.Port));
    }

    [Fact]
    public void Parse_PositionalArgument_IsAnError()
    {
        var result = Parse(["--port", "3001", "extra", "--", "--daemon"]);

        Assert.Equal(
            ["unexpected argument 'extra' found", "unexpected argument '--daemon' found"],
            result.Errors);
        Assert.Equal("false", Value(result, PolicyServerFlags.Daemon));
    }

    [Fact]
    public void Parse_ValueFlagWithoutValue_NamesTheFlag()
    {
        var result = Parse(["--policies", "--port", "3001", "--cert-file=", "--workers"]);

        Assert.Equal(
            [
                "a value is required for '--policies' but none was supplied",
                "a value is required for '--cert-file' but none was supplied",
                "a value is required for '--workers' but none was supplied",
            ],
            result.Errors);
        Assert.Equal("3001", Value(result, PolicyServerFlags.Port));
    }

    [Fact]
    public void Parse_FlagGivenTwice_IsAnError()
    {
        var result = Parse(["--port", "1", "--daemon", "--port=2", "--daemon"]);

        Assert.Equal(
            ["the argument '--port' cannot be used multiple times", "the argument '--daemon' cannot be used multiple times"],
            result.Errors);
        Assert.Equal("1", Value(result, PolicyServerFlags.Port));
    }

    [Fact]
    public void Parse_AllErrors_AreReportedTogether()
    {
        var result = Parse(["--foo", "--port", "1", "--port", "2", "stray"], new Hashtable { ["KUBEWARDEN_DAEMON"] = "?" });

        Assert.Equal(4, result.Errors.Count);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Parse_NotYetSupportedFlags_AreReportedWhenGiven()
    {
        var environment = new Hashtable { ["KUBEWARDEN_ENABLE_PPROF"] = "1", ["KUBEWARDEN_SOURCES_PATH"] = "/sources/sources.yml" };

        var result = Parse(["--daemon", "--sigstore-cache-dir", "/tmp/sigstore-data", "--ignore-kubernetes-connection-failure=false"], environment);

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["sigstore-cache-dir", "daemon", "enable-pprof"],
            result.UsedUnsupported.Select(flag => flag.Name));
        Assert.All(result.UsedUnsupported, flag => Assert.False(string.IsNullOrWhiteSpace(flag.NotYetSupported)));
        Assert.Equal("/sources/sources.yml", Value(result, PolicyServerFlags.SourcesPath));
    }

    [Fact]
    public void Parse_DocsSubcommand_ReturnsItsArgumentsUnparsed()
    {
        var result = Parse(["--log-level", "debug", "docs", "--output", "cli.md"]);

        Assert.Empty(result.Errors);
        Assert.Equal("docs", result.Subcommand);
        Assert.Equal(["--output", "cli.md"], result.SubcommandArgs);
        Assert.Equal("debug", Value(result, PolicyServerFlags.LogLevel));

        var docs = CommandLineParser.Parse(PolicyServerFlags.DocsFlags, result.SubcommandArgs, new Hashtable());
        Assert.Empty(docs.Errors);
        Assert.Equal("cli.md", docs.Values[PolicyServerFlags.DocsOutput.ConfigurationKey]);
    }

    [Theory]
    [InlineData("-o", "cli.md")]
    [InlineData("-ocli.md")]
    [InlineData("-o=cli.md")]
    [InlineData("--output=cli.md")]
    public void Parse_ShortName_AcceptsClapSpellings(params string[] args)
    {
        var result = CommandLineParser.Parse(PolicyServerFlags.DocsFlags, args, new Hashtable());

        Assert.Empty(result.Errors);
        Assert.Equal("cli.md", result.Values[PolicyServerFlags.DocsOutput.ConfigurationKey]);
    }

    [Fact]
    public void Parse_WithoutDeclaredSubcommands_DocsIsPositional()
    {
        var result = CommandLineParser.Parse(PolicyServerFlags.All, ["docs"], new Hashtable());

        Assert.Equal(["unexpected argument 'docs' found"], result.Errors);
        Assert.Null(result.Subcommand);
    }

    [Theory]
    [InlineData("--help", true, false)]
    [InlineData("-h", true, false)]
    [InlineData("--version", false, true)]
    [InlineData("-V", false, true)]
    public void Parse_HelpAndVersion_AreReported(string arg, bool help, bool version)
    {
        var result = Parse([arg]);

        Assert.Empty(result.Errors);
        Assert.Equal(help, result.HelpRequested);
        Assert.Equal(version, result.VersionRequested);
    }

    [Fact]
    public void Parse_DuplicateFlagDeclaration_Throws()
    {
        CommandLineFlag[] flags =
        [
            new() { Name = "a", Help = "first", ConfigurationKey = "A" },
            new() { Name = "a", Help = "second", ConfigurationKey = "B" },
        ];

        Assert.Throws<ArgumentException>(() => CommandLineParser.Parse(flags, [], new Hashtable()));
    }
}

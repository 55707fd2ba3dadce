namespace Kubewarden.Hosting.CommandLine;

/// <summary>The outcome of <see cref="CommandLineParser.Parse"/>: resolved values, every error, and what else was asked for.</summary>
public sealed record CommandLineResult
{
    /// <summary>
    /// Resolved values keyed by <see cref="CommandLineFlag.ConfigurationKey"/> (command line &gt; environment &gt;
    /// default). Switches are always present as <c>true</c> or <c>false</c>; a value flag without any value is absent.
    /// Suitable for <c>IConfigurationBuilder.AddInMemoryCollection</c>.
    /// </summary>
    public required IReadOnlyDictionary<string, string?> Values { get; init; }

    /// <summary>Where each entry of <see cref="Values"/> came from, keyed the same way.</summary>
    public required IReadOnlyDictionary<string, CommandLineValueSource> Sources { get; init; }

    /// <summary>Every problem found, in command-line order followed by environment problems; empty on success.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>
    /// Flags marked <see cref="CommandLineFlag.NotYetSupported"/> that were given on the command line or in the
    /// environment (switches only when they resolve to <c>true</c>).
    /// </summary>
    public required IReadOnlyList<CommandLineFlag> UsedUnsupported { get; init; }

    /// <summary>The declared subcommand word that was found (for example <c>docs</c>), or <see langword="null"/>.</summary>
    public string? Subcommand { get; init; }

    /// <summary>The arguments after <see cref="Subcommand"/>, unparsed; empty when there is no subcommand.</summary>
    public IReadOnlyList<string> SubcommandArgs { get; init; } = [];

    /// <summary><see langword="true"/> when <c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; init; }

    /// <summary><see langword="true"/> when <c>--version</c> or <c>-V</c> was given.</summary>
    public bool VersionRequested { get; init; }

    /// <summary><see langword="true"/> when <see cref="Errors"/> is empty.</summary>
    public bool Succeeded => Errors.Count == 0;
}

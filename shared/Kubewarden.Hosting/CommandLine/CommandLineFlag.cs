namespace Kubewarden.Hosting.CommandLine;

/// <summary>
/// One command-line flag (<c>--name</c>), optionally bound to an environment variable, and the configuration key its
/// value is stored under. Parsing follows clap (the Rust parser Kubewarden uses), see <see cref="CommandLineParser"/>.
/// </summary>
public sealed record CommandLineFlag
{
    /// <summary>The long name without the leading dashes, for example <c>policy-timeout</c>.</summary>
    public required string Name { get; init; }

    /// <summary>An optional one-letter alias used as <c>-o</c>, for example <c>o</c> for <c>--output</c>.</summary>
    public char? ShortName { get; init; }

    /// <summary>
    /// The environment variable the value falls back to when the flag is not on the command line, for example
    /// <c>KUBEWARDEN_POLICY_TIMEOUT</c>; <see langword="null"/> when there is none. An empty value counts as unset.
    /// </summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>
    /// <see langword="true"/> for a value-less boolean switch (<c>--daemon</c>); it may also be written
    /// <c>--daemon=true</c> or <c>--daemon=false</c>. A switch that is not given is <c>false</c>.
    /// </summary>
    public bool IsSwitch { get; init; }

    /// <summary>The value used when neither the command line nor the environment gives one; may be <see langword="null"/>.</summary>
    public string? Default { get; init; }

    /// <summary>A name for the value in help output, for example <c>PORT</c>; defaults to <c>VALUE</c>.</summary>
    public string? ValueName { get; init; }

    /// <summary>One-sentence description shown in help and generated documentation.</summary>
    public required string Help { get; init; }

    /// <summary>The <c>IConfiguration</c> key the value is stored under, for example <c>PolicyServer:PolicyTimeout</c>.</summary>
    public required string ConfigurationKey { get; init; }

    /// <summary>
    /// When not <see langword="null"/>, the flag is accepted and documented but has no effect yet; the text says why
    /// and what will bring it. Parsing reports such flags in <see cref="CommandLineResult.UsedUnsupported"/> so the
    /// host can log them instead of silently ignoring them.
    /// </summary>
    public string? NotYetSupported { get; init; }
}

namespace Kubewarden.Hosting.CommandLine;

/// <summary>Where the value of a flag came from.</summary>
public enum CommandLineValueSource
{
    /// <summary>The flag's <see cref="CommandLineFlag.Default"/> (or <c>false</c> for a switch).</summary>
    Default,

    /// <summary>The flag's <see cref="CommandLineFlag.EnvironmentVariable"/>.</summary>
    Environment,

    /// <summary>The command line.</summary>
    CommandLine,
}

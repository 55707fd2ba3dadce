using System.Collections;

namespace Kubewarden.Hosting.CommandLine;

/// <summary>
/// Parses argv and the environment the way clap does for Kubewarden's binaries, which ASP.NET Core's command-line
/// configuration provider cannot: value-less switches anywhere in argv, <c>--flag value</c> and <c>--flag=value</c>,
/// a flag given twice is an error, and environment variables as fallback.
/// </summary>
public static class CommandLineParser
{
    /// <summary>The boolean spellings accepted in environment variables and in <c>--switch=value</c> (case-insensitive).</summary>
    public const string AcceptedBooleans = "true, false, 1, 0, yes, no";

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="flags"/>, falling back to <paramref name="environment"/>
    /// and then to each flag's default. Never throws on bad input: every problem is collected in
    /// <see cref="CommandLineResult.Errors"/>.
    /// </summary>
    /// <param name="flags">The flags the program accepts; names must be unique.</param>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="environment">Environment variables, for example <see cref="Environment.GetEnvironmentVariables()"/>.</param>
    /// <param name="subcommands">
    /// Subcommand words (for example <c>docs</c>). The first positional argument, if it is one of them, ends parsing;
    /// the remaining arguments are returned unparsed in <see cref="CommandLineResult.SubcommandArgs"/>.
    /// </param>
    /// <exception cref="ArgumentException">Two flags share a name or a short name.</exception>
    public static CommandLineResult Parse(
        IReadOnlyList<CommandLineFlag> flags,
        IReadOnlyList<string> args,
        IDictionary environment,
        IReadOnlyCollection<string>? subcommands = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var (byName, byShortName) = Index(flags);
        var errors = new List<string>();
        var given = new Dictionary<CommandLineFlag, string>();
        var helpRequested = false;
        var versionRequested = false;
        string? subcommand = null;
        IReadOnlyList<string> subcommandArgs = [];
        var positionalOnly = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!positionalOnly && arg == "--")
            {
                positionalOnly = true;
                continue;
            }

            if (positionalOnly || arg.Length < 2 || arg[0] != '-')
            {
                if (!positionalOnly && subcommand is null && subcommands?.Contains(arg) == true)
                {
                    subcommand = arg;
                    subcommandArgs = args.Skip(i + 1).ToArray();
                    break;
                }

                errors.Add($"unexpected argument '{arg}' found");
                continue;
            }

            string display;
            CommandLineFlag? flag;
            string? inlineValue;
            if (arg[1] == '-')
            {
                var body = arg[2..];
                var equals = body.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? body : body[..equals];
                inlineValue = equals < 0 ? null : body[(equals + 1)..];
                display = "--" + name;
                byName.TryGetValue(name, out flag);
                if (flag is null && inlineValue is null && name is "help" or "version")
                {
                    helpRequested |= name == "help";
                    versionRequested |= name == "version";
                    continue;
                }
            }
            else
            {
                var letter = arg[1];
                inlineValue = arg.Length == 2 ? null : arg[2] == '=' ? arg[3..] : arg[2..];
                display = "-" + letter;
                byShortName.TryGetValue(letter, out flag);
                if (flag is null && inlineValue is null && letter is 'h' or 'V')
                {
                    helpRequested |= letter == 'h';
                    versionRequested |= letter == 'V';
                    continue;
                }
            }

            if (flag is null)
            {
                errors.Add($"unexpected argument '{(arg[1] == '-' ? display : arg)}' found");
                continue;
            }

            string? value;
            if (flag.IsSwitch)
            {
                value = "true";
                if (inlineValue is not null)
                {
                    value = TryParseBoolean(inlineValue, out var parsed) ? Canonical(parsed) : null;
                    if (value is null)
                    {
                        errors.Add($"invalid value '{inlineValue}' for '{display}': expected one of {AcceptedBooleans}");
                    }
                }
            }
            else if (inlineValue is not null)
            {
                value = inlineValue.Length > 0 ? inlineValue : null;
            }
            else if (i + 1 < args.Count && !LooksLikeFlag(args[i + 1]))
            {
                value = args[++i];
            }
            else
            {
                value = null;
            }

            if (!flag.IsSwitch && value is null)
            {
                errors.Add($"a value is required for '{display}' but none was supplied");
                continue;
            }

            if (given.ContainsKey(flag))
            {
                errors.Add($"the argument '{display}' cannot be used multiple times");
                continue;
            }

            if (value is not null)
            {
                given[flag] = value;
            }
        }

        return Resolve(flags, given, environment, errors) with
        {
            Subcommand = subcommand,
            SubcommandArgs = subcommandArgs,
            HelpRequested = helpRequested,
            VersionRequested = versionRequested,
        };
    }

    /// <summary>
    /// Parses a boolean written as <c>true/false/1/0/yes/no</c>, case-insensitively and ignoring surrounding
    /// whitespace (Kubewarden ambiguity A9: its docs use <c>=1</c> although clap only takes <c>true/false</c>).
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="value">The parsed value, <see langword="false"/> when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is one of the accepted spellings.</returns>
    public static bool TryParseBoolean(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                value = true;
                return true;
            case "false" or "0" or "no":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string Canonical(bool value) => value ? "true" : "false";

    // clap does not take a value that starts with '-' unless it is attached with '='; a lone "-" is a value.
    private static bool LooksLikeFlag(string arg) => arg.Length > 1 && arg[0] == '-';

    private static (Dictionary<string, CommandLineFlag> ByName, Dictionary<char, CommandLineFlag> ByShortName) Index(
        IReadOnlyList<CommandLineFlag> flags)
    {
        var byName = new Dictionary<string, CommandLineFlag>(StringComparer.Ordinal);
        var byShortName = new Dictionary<char, CommandLineFlag>();
        foreach (var flag in flags)
        {
            if (!byName.TryAdd(flag.Name, flag))
            {
                throw new ArgumentException($"the flag '--{flag.Name}' is declared more than once", nameof(flags));
            }

            if (flag.ShortName is { } letter && !byShortName.TryAdd(letter, flag))
            {
                throw new ArgumentException($"the short flag '-{letter}' is declared more than once", nameof(flags));
            }
        }

        return (byName, byShortName);
    }

    private static CommandLineResult Resolve(
        IReadOnlyList<CommandLineFlag> flags,
        Dictionary<CommandLineFlag, string> given,
        IDictionary environment,
        List<string> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var sources = new Dictionary<string, CommandLineValueSource>(StringComparer.OrdinalIgnoreCase);
        var usedUnsupported = new List<CommandLineFlag>();

        foreach (var flag in flags)
        {
            string? value;
            CommandLineValueSource source;
            if (given.TryGetValue(flag, out var fromCommandLine))
            {
                (value, source) = (fromCommandLine, CommandLineValueSource.CommandLine);
            }
            else if (flag.EnvironmentVariable is { } variable
                && environment[variable] is string { Length: > 0 } fromEnvironment)
            {
                (value, source) = (fromEnvironment, CommandLineValueSource.Environment);
                if (flag.IsSwitch)
                {
                    if (TryParseBoolean(fromEnvironment, out var parsed))
                    {
                        value = Canonical(parsed);
                    }
                    else
                    {
                        errors.Add(
                            $"invalid value '{fromEnvironment}' for environment variable {variable} (--{flag.Name}): " +
                            $"expected one of {AcceptedBooleans}");
                        continue;
                    }
                }
            }
            else
            {
                (value, source) = (flag.IsSwitch ? flag.Default ?? "false" : flag.Default, CommandLineValueSource.Default);
            }

            if (value is null)
            {
                continue;
            }

            values[flag.ConfigurationKey] = value;
            sources[flag.ConfigurationKey] = source;
            if (flag.NotYetSupported is not null
                && source != CommandLineValueSource.Default
                && (!flag.IsSwitch || value == "true"))
            {
                usedUnsupported.Add(flag);
            }
        }

        return new CommandLineResult
        {
            Values = values,
            Sources = sources,
            Errors = errors,
            UsedUnsupported = usedUnsupported,
        };
    }
}

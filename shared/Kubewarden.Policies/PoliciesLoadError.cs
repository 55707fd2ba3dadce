namespace Kubewarden.Policies;

/// <summary>
/// One problem found while loading <c>policies.yml</c>.
/// </summary>
/// <param name="Message">
/// The message, e.g. <c>policy `psp`: module is required</c>. It never contains the location.
/// </param>
/// <param name="Line">1-based line of the offending node, when known.</param>
/// <param name="Column">1-based column of the offending node, when known.</param>
public sealed record PoliciesLoadError(string Message, int? Line, int? Column)
{
    /// <summary>Formats the error as <c>[source:]line:column: message</c> (location parts only when known).</summary>
    /// <param name="sourceName">The file name to prefix, or <see langword="null"/>.</param>
    /// <returns>The formatted error.</returns>
    public string Format(string? sourceName)
    {
        var location = Line is { } line
            ? Column is { } column ? $"{line}:{column}" : $"{line}"
            : null;
        return (sourceName, location) switch
        {
            (null, null) => Message,
            (null, _) => $"{location}: {Message}",
            (_, null) => $"{sourceName}: {Message}",
            _ => $"{sourceName}:{location}: {Message}",
        };
    }

    /// <inheritdoc />
    public override string ToString() => Format(null);
}

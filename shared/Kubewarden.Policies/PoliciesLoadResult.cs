using System.Diagnostics.CodeAnalysis;

namespace Kubewarden.Policies;

/// <summary>
/// The outcome of <see cref="PoliciesFileLoader"/>: the document, or every error found.
/// </summary>
public sealed class PoliciesLoadResult
{
    private PoliciesLoadResult(string? sourceName, PoliciesDocument? document, IReadOnlyList<PoliciesLoadError> errors)
    {
        SourceName = sourceName;
        Document = document;
        Errors = errors;
    }

    /// <summary>The source name given to the loader (usually the file path), or <see langword="null"/>.</summary>
    public string? SourceName { get; }

    /// <summary>The document when loading succeeded; otherwise <see langword="null"/>.</summary>
    public PoliciesDocument? Document { get; }

    /// <summary>All errors, in document order; empty on success.</summary>
    public IReadOnlyList<PoliciesLoadError> Errors { get; }

    /// <summary>Whether the file loaded without errors.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool Success => Document is not null;

    /// <summary>
    /// All errors, one per line, each as <c>source:line:column: message</c>.
    /// </summary>
    /// <returns>The formatted errors (empty string on success).</returns>
    public string FormatErrors() => string.Join(Environment.NewLine, Errors.Select(error => error.Format(SourceName)));

    internal static PoliciesLoadResult Ok(string? sourceName, PoliciesDocument document) => new(sourceName, document, []);

    internal static PoliciesLoadResult Failed(string? sourceName, IReadOnlyList<PoliciesLoadError> errors) => new(sourceName, null, errors);
}

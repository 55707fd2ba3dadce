namespace Kubewarden.Kubernetes.Queries;

/// <summary>
/// A field selector split the way the cache serves it: <c>metadata.name</c> and <c>metadata.namespace</c> terms are
/// checked in-process; a selector with any other field is left whole to the API server (through a watch of its own),
/// so the server accepts or rejects it as it would for Kubewarden.
/// </summary>
public sealed class FieldSelector
{
    private readonly Term[] _terms;

    private FieldSelector(Term[] terms, string? serverSide)
    {
        _terms = terms;
        ServerSide = serverSide;
    }

    /// <summary>Everything.</summary>
    public static FieldSelector None { get; } = new([], null);

    /// <summary>The selector to send to the API server, or null when the cache checks it.</summary>
    public string? ServerSide { get; }

    /// <summary>Parses <paramref name="text"/> (null or empty: everything).</summary>
    /// <exception cref="FormatException">A term is not <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var terms = new List<Term>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var negated = part.Contains("!=", StringComparison.Ordinal);
            var separator = negated ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var at = part.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new FormatException($"invalid field selector \"{text}\": `{part}` is not field=value, field==value or field!=value");
            }

            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                return new FieldSelector([], text);
            }

            terms.Add(new Term(field == "metadata.name", part[(at + separator.Length)..].Trim(), negated));
        }

        return new FieldSelector([.. terms], null);
    }

    /// <summary>Whether an object with this namespace and name passes the in-process terms.</summary>
    public bool Matches(string @namespace, string name)
    {
        foreach (var term in _terms)
        {
            var equal = (term.OnName ? name : @namespace) == term.Value;
            if (equal == term.Negated)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Term(bool OnName, string Value, bool Negated);
}

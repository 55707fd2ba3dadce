namespace Kubewarden.Policies;

/// <summary>
/// Orders strings by Unicode code point (equivalently by UTF-8 bytes), the order of Rust's
/// <c>BTreeMap&lt;String, _&gt;</c>. Differs from ordinal UTF-16 order only for supplementary
/// characters versus U+E000–U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var comparison = left.Current.Value.CompareTo(right.Current.Value);
            if (comparison != 0)
            {
                return comparison;
            }
        }
    }
}

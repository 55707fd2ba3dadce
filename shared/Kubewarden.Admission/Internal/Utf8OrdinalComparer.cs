namespace Kubewarden.Admission.Internal;

/// <summary>
/// Compares strings by Unicode code point, which is the same order as comparing their UTF-8
/// bytes (the order of Rust's <c>BTreeMap&lt;String, _&gt;</c>). Plain UTF-16 ordinal comparison
/// differs only for surrogate pairs versus U+E000..U+FFFF.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return CodePointOrder(a) - CodePointOrder(b);
            }
        }

        return x.Length - y.Length;
    }

    private static int CodePointOrder(char c)
    {
        if (c < 0xD800)
        {
            return c;
        }

        // Surrogates (supplementary planes) sort after every BMP character.
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}

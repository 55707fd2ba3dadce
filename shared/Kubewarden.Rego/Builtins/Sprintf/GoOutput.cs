using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>The text being formatted, with Go's rules for padding a field to its width (counted in runes).</summary>
internal sealed class GoOutput
{
    private readonly StringBuilder _text = new();

    public void Write(string text) => _text.Append(text);

    public void Write(char character) => _text.Append(character);

    /// <summary>Writes <paramref name="count"/> padding characters: zeros when <paramref name="zeros"/>, spaces otherwise.</summary>
    public void WritePadding(int count, bool zeros)
    {
        if (count > 0)
        {
            _text.Append(zeros ? '0' : ' ', count);
        }
    }

    /// <summary>Writes <paramref name="field"/> padded to the directive's width, on the left unless <c>-</c> is set.</summary>
    public void Pad(string field, GoDirective directive, bool zerosAllowed = true)
    {
        if (!directive.HasWidth || directive.Width == 0)
        {
            _text.Append(field);
            return;
        }

        var padding = directive.Width - RuneCount(field);
        if (directive.Minus)
        {
            _text.Append(field);
            WritePadding(padding, zeros: false);
        }
        else
        {
            WritePadding(padding, zerosAllowed && directive.PadsWithZeros);
            _text.Append(field);
        }
    }

    public override string ToString() => _text.ToString();

    private static int RuneCount(string text) => text.EnumerateRunes().Count();
}

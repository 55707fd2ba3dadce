using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>A string, number or boolean.</summary>
internal sealed class ScalarValue(string text, ScalarKind kind) : ReplayValue
{
    public string Text => text;

    public ScalarKind Kind => kind;

    /// <summary>
    /// Same text, or the same number (<c>1</c> and <c>1.0</c>), or the same boolean (<c>true</c> and <c>True</c>); a
    /// YAML plain scalar may be read as any of them, as serde reads it into the field's type.
    /// </summary>
    public override bool Matches(ReplayValue other)
    {
        if (other is not ScalarValue scalar)
        {
            return false;
        }

        if (string.Equals(Text, scalar.Text, StringComparison.Ordinal))
        {
            return true;
        }

        if (AsNumber() is { } number && scalar.AsNumber() is { } otherNumber)
        {
            return number == otherNumber;
        }

        return AsBoolean() is { } flag && scalar.AsBoolean() is { } otherFlag && flag == otherFlag;
    }

    public override void WriteTo(StringBuilder text) =>
        text.Append(Kind is ScalarKind.String ? JsonSerializer.Serialize(Text) : Text);

    private double? AsNumber() =>
        Kind is ScalarKind.Number or ScalarKind.Plain
        && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private bool? AsBoolean() => Kind is ScalarKind.Boolean or ScalarKind.Plain
        ? Text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        }
        : null;
}

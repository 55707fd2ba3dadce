using System.Text;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// A request field value as both sides reduce to it: the guest's JSON payload and the YAML kwctl recorded. Equality is
/// semantic (<see cref="Matches"/>), so a YAML plain scalar equals the JSON string, number or boolean it spells.
/// </summary>
internal abstract class ReplayValue
{
    /// <summary>JSON <c>null</c>, YAML <c>~</c>/<c>null</c>/empty, and an absent optional field.</summary>
    public static ReplayValue Null { get; } = new NullValue();

    public abstract bool Matches(ReplayValue other);

    public abstract void WriteTo(StringBuilder text);

    public override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    private sealed class NullValue : ReplayValue
    {
        public override bool Matches(ReplayValue other) => ReferenceEquals(other, this);

        public override void WriteTo(StringBuilder text) => text.Append("null");
    }
}

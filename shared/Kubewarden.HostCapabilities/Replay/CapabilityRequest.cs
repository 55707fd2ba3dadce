using System.Text;
using System.Text.Json;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>A typed host-capability request: its kind and one value per field of the kind (null when absent).</summary>
internal sealed class CapabilityRequest(RequestKind kind, IReadOnlyList<ReplayValue> values)
{
    private readonly IReadOnlyList<ReplayValue> _values = values;

    public RequestKind Kind => kind;

    public ReplayValue this[string field] => _values[Index(field)];

    public bool Matches(CapabilityRequest other)
    {
        if (other.Kind != Kind)
        {
            return false;
        }

        for (var i = 0; i < _values.Count; i++)
        {
            var matches = Kind.Fields[i].Shape == FieldShape.OptionalSet && _values[i] is SequenceValue set && other._values[i] is SequenceValue otherSet
                ? set.MatchesAsSet(otherSet)
                : _values[i].Matches(other._values[i]);
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The request as kwctl names it: <c>Kind {"field":value,...}</c>, absent fields left out.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Kind.Name).Append(" {");
        var first = true;
        for (var i = 0; i < _values.Count; i++)
        {
            if (ReferenceEquals(_values[i], ReplayValue.Null))
            {
                continue;
            }

            text.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(Kind.Fields[i].Name)).Append(':');
            _values[i].WriteTo(text);
            first = false;
        }

        return text.Append('}').ToString();
    }

    private int Index(string field)
    {
        for (var i = 0; i < Kind.Fields.Count; i++)
        {
            if (Kind.Fields[i].Name == field)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Kind.Name} has no field `{field}`", nameof(field));
    }
}

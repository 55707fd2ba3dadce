using System.Text;
using System.Text.Json;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>An object; a member that is absent equals one that is null, as an absent Rust <c>Option</c> field.</summary>
internal sealed class MappingValue(IReadOnlyDictionary<string, ReplayValue> members) : ReplayValue
{
    public IReadOnlyDictionary<string, ReplayValue> Members => members;

    public ReplayValue this[string name] => Members.GetValueOrDefault(name) ?? Null;

    public override bool Matches(ReplayValue other) =>
        other is MappingValue mapping
        && Members.Keys.Union(mapping.Members.Keys, StringComparer.Ordinal).All(name => this[name].Matches(mapping[name]));

    public override void WriteTo(StringBuilder text)
    {
        text.Append('{');
        var first = true;
        foreach (var (name, value) in Members.OrderBy(member => member.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(JsonSerializer.Serialize(name)).Append(':');
            value.WriteTo(text);
        }

        text.Append('}');
    }
}

using System.Text;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>A list; compared in order, or as a set for fields that are sets in Kubewarden (<c>field_masks</c>).</summary>
internal sealed class SequenceValue(IReadOnlyList<ReplayValue> items) : ReplayValue
{
    public IReadOnlyList<ReplayValue> Items => items;

    public override bool Matches(ReplayValue other)
    {
        if (other is not SequenceValue sequence || sequence.Items.Count != Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Matches(sequence.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same elements in any order, duplicates ignored.</summary>
    public bool MatchesAsSet(SequenceValue other) =>
        Items.All(item => other.Items.Any(item.Matches)) && other.Items.All(item => Items.Any(item.Matches));

    public override void WriteTo(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Items[i].WriteTo(text);
        }

        text.Append(']');
    }
}

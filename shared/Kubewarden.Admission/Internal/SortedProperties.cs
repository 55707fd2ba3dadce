using System.Text.Json;

namespace Kubewarden.Admission.Internal;

/// <summary>
/// Collects the members of a JSON object sorted by name (<see cref="Utf8OrdinalComparer"/>);
/// for duplicate names the last occurrence wins, like inserting into a Rust <c>BTreeMap</c>.
/// </summary>
internal static class SortedProperties
{
    public static KeyValuePair<string, JsonElement>[] Of(JsonElement obj)
    {
        var count = 0;
        var items = new KeyValuePair<string, JsonElement>[8];
        var sorted = true;
        foreach (var property in obj.EnumerateObject())
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
            }

            var name = property.Name;
            if (count > 0 && sorted && Utf8OrdinalComparer.Instance.Compare(items[count - 1].Key, name) >= 0)
            {
                sorted = false;
            }

            items[count++] = new KeyValuePair<string, JsonElement>(name, property.Value);
        }

        if (sorted)
        {
            return count == items.Length ? items : items.AsSpan(0, count).ToArray();
        }

        // Stable sort: tie-break on the original position, then keep the last of each run.
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var snapshot = items;
        Array.Sort(order, (a, b) =>
        {
            var byName = Utf8OrdinalComparer.Instance.Compare(snapshot[a].Key, snapshot[b].Key);
            return byName != 0 ? byName : a.CompareTo(b);
        });

        var result = new List<KeyValuePair<string, JsonElement>>(count);
        for (var i = 0; i < count; i++)
        {
            var current = snapshot[order[i]];
            if (i + 1 < count && string.Equals(snapshot[order[i + 1]].Key, current.Key, StringComparison.Ordinal))
            {
                continue;
            }

            result.Add(current);
        }

        return [.. result];
    }
}

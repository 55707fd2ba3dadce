using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Kubewarden.Admission.Internal;

namespace Kubewarden.Admission;

/// <summary>
/// Computes an RFC 6902 JSON patch between two documents, reproducing the output of the Rust
/// <c>json-patch</c> crate's <c>diff</c> used by Kubewarden's policy-server.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Objects are diffed key by key: the keys of <c>from</c> in ordinal (code point) order —
/// <c>remove</c> when missing from <c>to</c>, otherwise recurse — then the keys only in
/// <c>to</c>, in ordinal order, as <c>add</c>.</item>
/// <item>Arrays are diffed index by index: common indices recurse; surplus elements of
/// <c>from</c> are removed at the first surplus index (removing indices 1 and 2 of a 3-element
/// array gives <c>remove /1</c> twice); surplus elements of <c>to</c> are added at their
/// index.</item>
/// <item>Values of different JSON kinds, or different scalars, give a <c>replace</c> with the
/// new value. Numbers compare like serde_json: integers by value, floats by value, and an integer
/// never equals a float (<c>1</c> ≠ <c>1.0</c>).</item>
/// <item>Keys are JSON-pointer escaped (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>); values in
/// operations are written with object keys sorted (see <see cref="SortedJsonWriter"/>).</item>
/// </list>
/// Operations are written compactly with members in the order <c>op, path, value</c>, e.g.
/// <c>[{"op":"replace","path":"/spec/replicas","value":3}]</c>.
/// </remarks>
public static class JsonPatchDiff
{
    /// <summary>
    /// Returns the JSON patch turning <paramref name="from"/> into <paramref name="to"/>, or
    /// <see langword="null"/> when the documents are equal.
    /// </summary>
    /// <param name="from">The original document.</param>
    /// <param name="to">The desired document.</param>
    /// <returns>The UTF-8 JSON array of operations, or <see langword="null"/> when equal.</returns>
    public static byte[]? Create(JsonElement from, JsonElement to)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        int operations;
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            var state = new DiffState(writer);
            writer.WriteStartArray();
            Diff(state, from, to);
            writer.WriteEndArray();
            operations = state.Operations;
        }

        return operations == 0 ? null : buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Base64-encodes a patch for <see cref="AdmissionResponse.Patch"/> (the same as
    /// <see cref="Convert.ToBase64String(byte[])"/>).
    /// </summary>
    /// <param name="patch">The UTF-8 JSON patch.</param>
    /// <returns>The standard base64 encoding with padding.</returns>
    public static string ToBase64(byte[] patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Convert.ToBase64String(patch);
    }

    private static void Diff(DiffState state, JsonElement from, JsonElement to)
    {
        var fromKind = from.ValueKind;
        var toKind = to.ValueKind;
        if (fromKind == JsonValueKind.Object && toKind == JsonValueKind.Object)
        {
            DiffObject(state, from, to);
        }
        else if (fromKind == JsonValueKind.Array && toKind == JsonValueKind.Array)
        {
            DiffArray(state, from, to);
        }
        else if (!ScalarEquals(from, to))
        {
            state.Write("replace", state.Path.ToString(), to);
        }
    }

    private static void DiffObject(DiffState state, JsonElement from, JsonElement to)
    {
        var fromProperties = SortedProperties.Of(from);
        var toProperties = SortedProperties.Of(to);
        var comparer = Utf8OrdinalComparer.Instance;

        var j = 0;
        foreach (var (key, value) in fromProperties)
        {
            while (j < toProperties.Length && comparer.Compare(toProperties[j].Key, key) < 0)
            {
                j++;
            }

            var length = state.Push(key);
            if (j < toProperties.Length && comparer.Compare(toProperties[j].Key, key) == 0)
            {
                Diff(state, value, toProperties[j].Value);
            }
            else
            {
                state.Write("remove", state.Path.ToString(), null);
            }

            state.Pop(length);
        }

        var i = 0;
        foreach (var (key, value) in toProperties)
        {
            while (i < fromProperties.Length && comparer.Compare(fromProperties[i].Key, key) < 0)
            {
                i++;
            }

            if (i < fromProperties.Length && comparer.Compare(fromProperties[i].Key, key) == 0)
            {
                continue;
            }

            var length = state.Push(key);
            state.Write("add", state.Path.ToString(), value);
            state.Pop(length);
        }
    }

    private static void DiffArray(DiffState state, JsonElement from, JsonElement to)
    {
        using var fromItems = from.EnumerateArray();
        using var toItems = to.EnumerateArray();
        var index = 0;
        var hasFrom = fromItems.MoveNext();
        var hasTo = toItems.MoveNext();
        while (hasFrom && hasTo)
        {
            var length = state.Push(index);
            Diff(state, fromItems.Current, toItems.Current);
            state.Pop(length);
            index++;
            hasFrom = fromItems.MoveNext();
            hasTo = toItems.MoveNext();
        }

        if (hasFrom)
        {
            // Every removal shifts the rest down, so they all target the first surplus index.
            var length = state.Push(index);
            var path = state.Path.ToString();
            state.Pop(length);
            do
            {
                state.Write("remove", path, null);
            }
            while (fromItems.MoveNext());
        }

        while (hasTo)
        {
            var length = state.Push(index);
            state.Write("add", state.Path.ToString(), toItems.Current);
            state.Pop(length);
            index++;
            hasTo = toItems.MoveNext();
        }
    }

    private static bool ScalarEquals(JsonElement from, JsonElement to)
    {
        if (from.ValueKind != to.ValueKind)
        {
            return false;
        }

        switch (from.ValueKind)
        {
            case JsonValueKind.String:
                var fromRaw = JsonMarshal.GetRawUtf8Value(from);
                var toRaw = JsonMarshal.GetRawUtf8Value(to);
                if (fromRaw.IndexOf((byte)'\\') < 0 && toRaw.IndexOf((byte)'\\') < 0)
                {
                    return fromRaw.SequenceEqual(toRaw);
                }

                return string.Equals(from.GetString(), to.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return JsonNumber.From(from).Equals(JsonNumber.From(to));
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                return true;
            default:
                // Undefined elements (or containers, which never reach here) are treated as different.
                return false;
        }
    }

    private sealed class DiffState(Utf8JsonWriter writer)
    {
        public StringBuilder Path { get; } = new();

        public int Operations { get; private set; }

        public int Push(string key)
        {
            var length = Path.Length;
            Path.Append('/');
            foreach (var c in key)
            {
                switch (c)
                {
                    case '~':
                        Path.Append("~0");
                        break;
                    case '/':
                        Path.Append("~1");
                        break;
                    default:
                        Path.Append(c);
                        break;
                }
            }

            return length;
        }

        public int Push(int index)
        {
            var length = Path.Length;
            Path.Append('/').Append(index);
            return length;
        }

        public void Pop(int length) => Path.Length = length;

        public void Write(string op, string path, JsonElement? value)
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, op);
            writer.WriteString("path"u8, path);
            if (value is { } element)
            {
                writer.WritePropertyName("value"u8);
                SortedJsonWriter.Write(writer, element);
            }

            writer.WriteEndObject();
            Operations++;
        }
    }
}

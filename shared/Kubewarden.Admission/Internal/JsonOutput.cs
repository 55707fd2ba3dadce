using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kubewarden.Admission.Internal;

/// <summary>Shared reader/writer settings and a helper producing compact UTF-8 JSON.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Compact output; only characters JSON requires to be escaped are escaped (close to
    /// serde_json, which does not escape HTML-sensitive or non-ASCII characters).
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Strict JSON (no comments, no trailing commas), serde_json's nesting limit.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = 128,
    };

    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

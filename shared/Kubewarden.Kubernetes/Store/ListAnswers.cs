using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Kubewarden.Kubernetes.Queries;

namespace Kubewarden.Kubernetes.Store;

/// <summary>
/// The serialized answers of one reflector: a List document per distinct query, built once per change of the cache
/// and then handed out as the same bytes, so a request costs a lookup and a copy into the guest, however big the list.
/// </summary>
public sealed class ListAnswers
{
    private const int MaximumQueries = 256;
    private static readonly byte[] Comma = ","u8.ToArray();

    private readonly ResourceReflector _reflector;
    private readonly ConcurrentDictionary<ListQuery, Answer> _answers = new();

    internal ListAnswers(ResourceReflector reflector) => _reflector = reflector;

    /// <summary>The List document answering <paramref name="query"/> for the objects cached now.</summary>
    public ReadOnlyMemory<byte> Get(ListQuery query)
    {
        var version = _reflector.Version;
        if (_answers.TryGetValue(query, out var answer) && answer.Version == version)
        {
            return answer.Json;
        }

        var objects = _reflector.Objects();
        var built = new Answer(version, Build(query, objects));
        if (_answers.Count >= MaximumQueries)
        {
            _answers.Clear();
        }

        _answers[query] = built;
        return built.Json;
    }

    private ReadOnlyMemory<byte> Build(ListQuery query, StoredObject[] objects)
    {
        var resource = _reflector.Resource;
        var estimate = 128;
        foreach (var candidate in objects)
        {
            estimate += candidate.Json.Length + 1;
        }

        var buffer = new ArrayBufferWriter<byte>(estimate);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, resource.ApiVersion);
            writer.WriteString("kind"u8, resource.Kind + "List");
            writer.WritePropertyName("metadata"u8);
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WritePropertyName("items"u8);
            writer.WriteStartArray();
            writer.Flush();
            var first = true;
            foreach (var candidate in objects)
            {
                if (!query.Includes(candidate))
                {
                    continue;
                }

                if (!first)
                {
                    buffer.Write(Comma);
                }

                first = false;
                if (query.Mask is { } mask)
                {
                    using var document = JsonDocument.Parse(candidate.Json);
                    using var itemWriter = new Utf8JsonWriter(buffer);
                    mask.Write(itemWriter, document.RootElement);
                }
                else
                {
                    buffer.Write(candidate.Json.Span);
                }
            }

            buffer.Write("]}"u8);
        }

        // The buffer was sized for every object, so it is kept as is rather than copied (answers can be megabytes).
        return buffer.WrittenMemory;
    }

    private sealed record Answer(long Version, ReadOnlyMemory<byte> Json);
}

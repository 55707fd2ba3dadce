using System.Buffers;
using System.Text.Json;

namespace Kubewarden.Oci;

/// <summary>Writes the OCI image manifest (schemaVersion 2) of a policy artifact.</summary>
internal static class ManifestWriter
{
    public static byte[] Write(OciDescriptor config, OciDescriptor layer, IReadOnlyDictionary<string, string> annotations)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.OciManifest);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            WriteDescriptor(json, layer);
            json.WriteEndArray();
            if (annotations.Count > 0)
            {
                json.WriteStartObject("annotations");
                foreach (var (key, value) in annotations)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, OciDescriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest);
        json.WriteNumber("size", descriptor.Size);
        json.WriteEndObject();
    }
}

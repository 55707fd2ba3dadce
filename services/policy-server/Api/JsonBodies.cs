using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kubewarden.PolicyServer.Api;

/// <summary>JSON written by the server escapes only what JSON requires, as serde_json does (no <c>\u0027</c> for quotes).</summary>
internal static class JsonBodies
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

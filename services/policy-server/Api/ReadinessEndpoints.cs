using System.Buffers;
using System.Text.Json;
using Kubewarden.PolicyServer.Configuration;
using Kubewarden.PolicyServer.PolicySet;
using Microsoft.Extensions.Options;

namespace Kubewarden.PolicyServer.Api;

/// <summary>The readiness port: <c>/readiness</c>, <c>/policies</c> (the loaded set) and <c>/metrics</c>.</summary>
internal static class ReadinessEndpoints
{
    public static IEndpointRouteBuilder MapReadinessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/readiness", (PolicySetState state) => state.IsReady ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable))
            .OnListener(Listener.Readiness);
        endpoints.MapGet("/policies", WritePolicies).OnListener(Listener.Readiness);
        return endpoints;
    }

    /// <summary>
    /// <c>{"configVersion", "engine", "lastReloadError", "policies": [{"id", "state", "message", "moduleDigest"}]}</c>:
    /// lets a controller see when a change is live (group members appear as <c>group/member</c>).
    /// </summary>
    private static async Task WritePolicies(HttpContext context, PolicySetState state, IOptions<PolicyServerOptions> options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("configVersion"u8, state.Current?.ConfigVersion);
            writer.WriteString("engine"u8, options.Value.Engine.ToString().ToLowerInvariant());
            writer.WriteString("lastReloadError"u8, state.LastReloadError);
            writer.WriteStartArray("policies"u8);
            foreach (var status in (state.Current?.Entries ?? []).SelectMany(e => e.Statuses).OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, status.Id);
                writer.WriteString("state"u8, status.Ready ? "ready" : "error");
                writer.WriteString("message"u8, status.Message);
                writer.WriteString("moduleDigest"u8, status.ModuleDigest is { } digest ? $"sha256:{digest}" : null);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}

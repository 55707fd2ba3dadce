using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/manifest_digest</c>: the payload is a JSON string naming an image (short names expand to
/// <c>docker.io/library/…</c>); the answer is <c>{"digest": "sha256:…"}</c>, the digest of the manifest (or index) the
/// reference names. Successful answers are reused for 60 s per image string.
/// </summary>
public sealed class ManifestDigestHandler : IHostCapabilityHandler
{
    private readonly RegistryQuery _query;

    /// <summary>Creates the handler.</summary>
    /// <param name="client">The registry client (sources and credentials of the server).</param>
    /// <param name="time">The clock of the 60 s cache.</param>
    /// <param name="logger">Receives failures.</param>
    public ManifestDigestHandler(OciRegistryClient client, TimeProvider time, ILogger<ManifestDigestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _query = new RegistryQuery("oci/v1/manifest_digest", async reference =>
        {
            var manifest = await client.GetManifestAsync(reference).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(new ManifestDigestResponse(manifest.Digest), HostCapabilitiesJsonContext.Default.ManifestDigestResponse);
        }, time, logger);
    }

    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public string Operation => "v1/manifest_digest";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload) => _query.Handle(policy, payload);
}

using System.Text.Json;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/manifest_digest</c>: the payload is a JSON string naming an image (short names expand to
/// <c>docker.io/library/…</c>); the answer is <c>{"digest": "sha256:…"}</c>, the digest of the manifest (or index) the
/// reference names. Successful answers are reused for 60 s per image string.
/// </summary>
/// <param name="client">The registry client (sources and credentials of the server).</param>
/// <param name="time">The clock of the 60 s cache.</param>
/// <param name="logger">Receives failures.</param>
public sealed class ManifestDigestHandler(OciRegistryClient client, TimeProvider time, ILogger<ManifestDigestHandler> logger)
    : RegistryQueryHandler("v1/manifest_digest", time, logger)
{
    private readonly OciRegistryClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    protected override async Task<byte[]> AnswerAsync(OciReference reference)
    {
        var manifest = await _client.GetManifestAsync(reference).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(new ManifestDigestResponse(manifest.Digest), HostCapabilitiesJsonContext.Default.ManifestDigestResponse);
    }
}

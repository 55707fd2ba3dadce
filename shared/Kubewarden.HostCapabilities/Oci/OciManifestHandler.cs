using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/oci_manifest</c>: the payload is a JSON string naming an image; the answer is its manifest as the
/// registry serves it, an image index or an image manifest. Successful answers are reused for 60 s per image string.
/// </summary>
/// <param name="client">The registry client (sources and credentials of the server).</param>
/// <param name="time">The clock of the 60 s cache.</param>
/// <param name="logger">Receives failures.</param>
public sealed class OciManifestHandler(OciRegistryClient client, TimeProvider time, ILogger<OciManifestHandler> logger)
    : RegistryQueryHandler("v1/oci_manifest", time, logger)
{
    private readonly OciRegistryClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    protected override async Task<byte[]> AnswerAsync(OciReference reference)
    {
        var content = await _client.GetManifestAsync(reference).ConfigureAwait(false);
        return RegistryManifest.Parse(content, reference).Content.Content;
    }
}

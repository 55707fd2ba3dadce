using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/oci_manifest_config</c>: the payload is a JSON string naming an image; the answer is
/// <c>{"manifest": &lt;image manifest&gt;, "digest": "sha256:…", "config": &lt;config JSON&gt;}</c>, where an image index
/// is resolved to the running platform's image and <c>digest</c> is that image manifest's digest. Successful answers are
/// reused for 60 s per image string.
/// </summary>
/// <param name="client">The registry client (sources and credentials of the server).</param>
/// <param name="time">The clock of the 60 s cache.</param>
/// <param name="logger">Receives failures.</param>
public sealed class OciManifestConfigHandler(OciRegistryClient client, TimeProvider time, ILogger<OciManifestConfigHandler> logger)
    : RegistryQueryHandler("v1/oci_manifest_config", time, logger)
{
    private readonly ManifestAndConfigReader _reader = new(client ?? throw new ArgumentNullException(nameof(client)));

    /// <inheritdoc />
    protected override Task<byte[]> AnswerAsync(OciReference reference) => _reader.ReadAsync(reference);
}

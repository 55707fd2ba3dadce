using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/oci_manifest_config</c>: the payload is a JSON string naming an image; the answer is
/// <c>{"manifest": &lt;image manifest&gt;, "digest": "sha256:…", "config": &lt;config JSON&gt;}</c>, where an image index
/// is resolved to the running platform's image and <c>digest</c> is that image manifest's digest. Successful answers are
/// reused for 60 s per image string.
/// </summary>
public sealed class OciManifestConfigHandler : IHostCapabilityHandler
{
    private readonly RegistryQuery _query;

    /// <summary>Creates the handler.</summary>
    /// <param name="client">The registry client (sources and credentials of the server).</param>
    /// <param name="time">The clock of the 60 s cache.</param>
    /// <param name="logger">Receives failures.</param>
    public OciManifestConfigHandler(OciRegistryClient client, TimeProvider time, ILogger<OciManifestConfigHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _query = new RegistryQuery("oci/v1/oci_manifest_config", new ManifestAndConfigReader(client).ReadAsync, time, logger);
    }

    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public string Operation => "v1/oci_manifest_config";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload) => _query.Handle(policy, payload);
}

using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// <c>oci</c>/<c>v1/oci_manifest</c>: the payload is a JSON string naming an image; the answer is its manifest as the
/// registry serves it, an image index or an image manifest. Successful answers are reused for 60 s per image string.
/// </summary>
public sealed class OciManifestHandler : IHostCapabilityHandler
{
    private readonly RegistryQuery _query;

    /// <summary>Creates the handler.</summary>
    /// <param name="client">The registry client (sources and credentials of the server).</param>
    /// <param name="time">The clock of the 60 s cache.</param>
    /// <param name="logger">Receives failures.</param>
    public OciManifestHandler(OciRegistryClient client, TimeProvider time, ILogger<OciManifestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _query = new RegistryQuery("oci/v1/oci_manifest", async reference =>
        {
            var content = await client.GetManifestAsync(reference).ConfigureAwait(false);
            return RegistryManifest.Parse(content, reference).Content.Content;
        }, time, logger);
    }

    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public string Operation => "v1/oci_manifest";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload) => _query.Handle(policy, payload);
}

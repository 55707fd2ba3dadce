using System.Diagnostics;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// What the three registry capabilities share: the payload is a JSON string naming an image; the answer comes from the
/// registry, and a successful answer is reused for 60 s per image string (as Kubewarden caches it); failures become
/// <c>Callback evaluation failure: …</c> host errors and are not cached.
/// </summary>
internal sealed class RegistryQuery
{
    /// <summary>How long a successful answer is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private const string Expected = "a JSON string naming an image, e.g. \"ghcr.io/kubewarden/policies/pod-privileged:v1.0.0\"";

    private readonly string _capability;
    private readonly Func<OciReference, Task<byte[]>> _query;
    private readonly SuccessCache<string, byte[]> _answers;
    private readonly ILogger _logger;

    /// <summary>Creates the query.</summary>
    /// <param name="capability">The capability path, for messages (<c>oci/v1/manifest_digest</c>).</param>
    /// <param name="query">Produces the answer's JSON for an image.</param>
    /// <param name="time">The clock of the cache.</param>
    /// <param name="logger">Receives failures and registry timings.</param>
    public RegistryQuery(string capability, Func<OciReference, Task<byte[]>> query, TimeProvider time, ILogger logger)
    {
        _capability = capability;
        _query = query;
        _answers = new SuccessCache<string, byte[]>(Lifetime, time);
        _logger = logger;
    }

    /// <summary>Answers one host call; never throws for a registry or network failure.</summary>
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!HostCallPayload.TryRead(payload, HostCapabilitiesJsonContext.Default.String, policy, _capability, Expected, _logger, out var image, out var failure))
        {
            return failure;
        }

        try
        {
            // Host calls are synchronous (the Wasm thread waits for the answer), as in Kubewarden.
            return HostCallResult.Success(_answers.GetOrComputeAsync(image, () => QueryAsync(image)).GetAwaiter().GetResult());
        }
        catch (Exception e) when (RegistryFailure.Describe(e, image) is { } error)
        {
            _logger.RegistryQueryFailed(policy.PolicyId, _capability, image, error);
            return HostCallResult.CallbackFailure(error);
        }
    }

    private async Task<byte[]> QueryAsync(string image)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await _query(OciReference.Parse(image)).ConfigureAwait(false);
        _logger.RegistryQueried(_capability, image, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answer;
    }
}

using System.Diagnostics;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// What the three registry capabilities (<c>oci</c>/<c>v1/…</c>) share: the payload is a JSON string naming an image;
/// the answer comes from the registry, and a successful answer is reused for 60 s per image string (as Kubewarden
/// caches it); failures become <c>Callback evaluation failure: …</c> host errors and are not cached.
/// </summary>
public abstract class RegistryQueryHandler : IHostCapabilityHandler
{
    /// <summary>How long a successful answer is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private const string Expected = "a JSON string naming an image, e.g. \"ghcr.io/kubewarden/policies/pod-privileged:v1.0.0\"";

    private readonly string _capability;
    private readonly SuccessCache<string, byte[]> _answers;
    private readonly ILogger _logger;

    /// <summary>Creates the handler of one operation.</summary>
    /// <param name="operation">The operation, e.g. <c>v1/manifest_digest</c>.</param>
    /// <param name="time">The clock of the 60 s cache.</param>
    /// <param name="logger">Receives failures and registry timings.</param>
    protected RegistryQueryHandler(string operation, TimeProvider time, ILogger logger)
    {
        Operation = operation;
        _capability = $"{Namespace}/{operation}";
        _answers = new SuccessCache<string, byte[]>(Lifetime, time);
        _logger = logger;
    }

    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public string Operation { get; }

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

    /// <summary>Produces the answer's bytes for an image, from the registry.</summary>
    protected abstract Task<byte[]> AnswerAsync(OciReference reference);

    private async Task<byte[]> QueryAsync(string image)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await AnswerAsync(OciReference.Parse(image)).ConfigureAwait(false);
        _logger.RegistryQueried(_capability, image, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answer;
    }
}

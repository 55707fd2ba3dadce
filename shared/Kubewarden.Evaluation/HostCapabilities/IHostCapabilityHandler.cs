namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>One capability, e.g. <c>tracing</c>/<c>log</c> or <c>oci</c>/<c>v1/manifest_digest</c>.</summary>
public interface IHostCapabilityHandler
{
    /// <summary>The namespace the guest names, e.g. <c>oci</c>.</summary>
    string Namespace { get; }

    /// <summary>The operation the guest names, e.g. <c>v1/manifest_digest</c>.</summary>
    string Operation { get; }

    /// <summary>Answers one call for <paramref name="policy"/>; the allow-list check already passed.</summary>
    HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload);
}

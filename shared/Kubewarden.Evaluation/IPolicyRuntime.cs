using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Evaluation;

/// <summary>One execution mode's way of running a prepared module (shared by every policy using the module).</summary>
internal interface IPolicyRuntime : IDisposable
{
    PolicyVerdict Validate(ValidationRequest request, ReadOnlyMemory<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy);

    SettingsVerdict ValidateSettings(ReadOnlySpan<byte> settings, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy);

    GuestCallResult Call(string operation, ReadOnlySpan<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy);
}

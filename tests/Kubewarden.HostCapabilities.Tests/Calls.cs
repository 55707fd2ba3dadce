using System.Text;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.HostCapabilities.Tests;

/// <summary>Host calls as a policy makes them, and their answers as text.</summary>
internal static class Calls
{
    public static PolicyContext Policy { get; } = new("test-policy", HostCapabilityAllowList.AllowAll, []);

    public static HostCallResult Call(this IHostCapabilityHandler handler, string payloadJson) =>
        handler.Handle(Policy, Encoding.UTF8.GetBytes(payloadJson));

    /// <summary>The answer of a call that must succeed.</summary>
    public static string Answer(this HostCallResult result)
    {
        Assert.True(result.Succeeded, $"the host call failed: {result.Error}");
        return Encoding.UTF8.GetString(result.Payload.Span);
    }

    /// <summary>The error of a call that must fail.</summary>
    public static string Failure(this HostCallResult result)
    {
        Assert.False(result.Succeeded, $"the host call succeeded: {Encoding.UTF8.GetString(result.Payload.Span)}");
        return result.Error;
    }
}

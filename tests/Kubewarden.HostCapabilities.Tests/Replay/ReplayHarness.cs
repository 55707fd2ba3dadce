using System.Text;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.HostCapabilities.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.HostCapabilities.Tests.Replay;

/// <summary>A session loaded from YAML and served through the real dispatcher, as the policy-server serves it.</summary>
internal sealed class ReplayHarness : IDisposable
{
    private readonly SessionFile _file;
    private readonly HostCapabilityDispatcher _dispatcher;

    public ReplayHarness(string sessionYaml)
    {
        _file = new SessionFile(sessionYaml);
        Session = ReplaySession.Load(_file.Path);
        var capabilities = new ReplayedHostCapabilities(Session, NullLogger<ReplayedHostCapabilities>.Instance);
        _dispatcher = new HostCapabilityDispatcher(capabilities.Handlers, NullLogger<HostCapabilityDispatcher>.Instance);
    }

    public ReplaySession Session { get; }

    public string FilePath => _file.Path;

    public static PolicyContext Policy(params ContextAwareResource[] resources) =>
        new("policy", HostCapabilityAllowList.AllowAll, resources);

    /// <summary>Calls <paramref name="capability"/> (<c>namespace/operation</c>) with a JSON payload.</summary>
    public HostCallResult Call(string capability, string payload, PolicyContext? policy = null)
    {
        var separator = capability.IndexOf('/', StringComparison.Ordinal);
        return _dispatcher.Dispatch(
            policy ?? Policy(), HostCapabilityDispatcher.Binding, capability[..separator], capability[(separator + 1)..], Encoding.UTF8.GetBytes(payload));
    }

    public void Dispose() => _file.Dispose();
}

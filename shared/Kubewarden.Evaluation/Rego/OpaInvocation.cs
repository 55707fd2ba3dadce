using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// The host state of one OPA instance: what its imported functions need while the guest runs. An instance may be
/// created ahead of its evaluation, which then binds the per-evaluation parts with <see cref="Begin"/>.
/// </summary>
internal sealed class OpaInvocation(OpaModuleInfo module, ILogger logger)
{
    public OpaModuleInfo Module => module;

    public ILogger Logger => logger;

    public RegoBuiltinContext? Builtins { get; private set; }

    public string PolicyId { get; private set; } = string.Empty;

    /// <summary>Set once the instance exists (host functions only run after instantiation).</summary>
    public OpaInstance? Instance { get; private set; }

    public void Begin(OpaInstance instance, RegoBuiltinContext builtins, string policyId)
    {
        Instance = instance;
        Builtins = builtins;
        PolicyId = policyId;
    }
}

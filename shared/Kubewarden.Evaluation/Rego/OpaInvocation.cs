using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Rego;

/// <summary>The host state of one OPA instance: what its imported functions need while the guest runs.</summary>
internal sealed class OpaInvocation(OpaModuleInfo module, RegoBuiltinContext builtins, ILogger logger, string policyId)
{
    public OpaModuleInfo Module => module;

    public RegoBuiltinContext Builtins => builtins;

    public ILogger Logger => logger;

    public string PolicyId => policyId;

    /// <summary>Set once the instance exists (host functions only run after instantiation).</summary>
    public OpaInstance? Instance { get; set; }
}

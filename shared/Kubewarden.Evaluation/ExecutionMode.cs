namespace Kubewarden.Evaluation;

/// <summary>How a module is driven (metadata <c>executionMode</c>, or kwctl's <c>--execution-mode</c>).</summary>
public enum ExecutionMode
{
    /// <summary><c>kubewarden-wapc</c>: waPC guest with <c>validate</c>/<c>validate_settings</c>.</summary>
    KubewardenWapc,

    /// <summary><c>wasi</c>: a WASI command reading the request on stdin.</summary>
    Wasi,

    /// <summary><c>opa</c>: Rego compiled to Wasm, Kubewarden OPA wrapping.</summary>
    Opa,

    /// <summary><c>gatekeeper</c>: Rego compiled to Wasm, Gatekeeper wrapping.</summary>
    Gatekeeper,
}

using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>An initialised instance ready for calls, or the failure that prevented it.</summary>
internal readonly record struct WapcSession(IWasmInstance? Instance, WapcInvocation State, WapcCallResult? Failure);

namespace Kubewarden.Evaluation.Wasi;

/// <summary>Per-instance host state that carries a <see cref="WasiContext"/>.</summary>
internal interface IWasiHost
{
    WasiContext Wasi { get; }
}

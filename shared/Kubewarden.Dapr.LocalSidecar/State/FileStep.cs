namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>Moves <see cref="Source"/> onto <see cref="Target"/>, or deletes the target when there is no source (file names in one directory).</summary>
internal sealed record FileStep(string? Source, string Target);

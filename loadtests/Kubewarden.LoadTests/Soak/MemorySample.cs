namespace Kubewarden.LoadTests.Soak;

/// <summary>A <see cref="MemoryReading"/> taken <paramref name="Elapsed"/> after sampling started.</summary>
internal sealed record MemorySample(TimeSpan Elapsed, MemoryReading Reading);

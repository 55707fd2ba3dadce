namespace Kubewarden.LoadTests.Soak;

/// <summary>One look at a target's memory: resident set size and cumulative GC counts, each null when not available.</summary>
internal sealed record MemoryReading(double? RssMiB, long? Gen0Collections, long? Gen1Collections, long? Gen2Collections)
{
    public static MemoryReading NotAvailable { get; } = new(null, null, null, null);

    public bool HasGcCounts => Gen0Collections is not null;
}

namespace Kubewarden.LoadTests.Soak;

/// <summary>Where a target's memory readings come from.</summary>
internal interface IMemorySource
{
    /// <summary>What the readings come from, for reports (e.g. <c>/metrics</c>, <c>/proc/123/status</c>).</summary>
    string Description { get; }

    /// <summary>Reads now; <see cref="MemoryReading.NotAvailable"/> (never an exception) when the source cannot answer.</summary>
    Task<MemoryReading> ReadAsync(CancellationToken cancellationToken);
}

namespace Kubewarden.LoadTests.Soak;

/// <summary>Asks several sources each time and keeps, field by field, the first one that answered.</summary>
internal sealed class CombinedMemorySource(IReadOnlyList<IMemorySource> sources) : IMemorySource
{
    public string Description => sources.Count == 0 ? "not available" : string.Join(", then ", sources.Select(s => s.Description));

    /// <summary>
    /// The target's <c>/metrics</c> when it has one, then <c>/proc/&lt;pid&gt;/status</c> when it is a local process;
    /// with neither, every reading is <see cref="MemoryReading.NotAvailable"/>.
    /// </summary>
    public static CombinedMemorySource ForTarget(HttpClient? http, Uri? metricsUrl, int? pid)
    {
        var sources = new List<IMemorySource>();
        if (http is not null && metricsUrl is not null)
        {
            sources.Add(new MetricsEndpointSource(http, metricsUrl));
        }

        if (pid is { } local)
        {
            sources.Add(new ProcStatusSource(local));
        }

        return new CombinedMemorySource(sources);
    }

    public async Task<MemoryReading> ReadAsync(CancellationToken cancellationToken)
    {
        var merged = MemoryReading.NotAvailable;
        foreach (var source in sources)
        {
            var reading = await source.ReadAsync(cancellationToken);
            merged = new MemoryReading(
                merged.RssMiB ?? reading.RssMiB,
                merged.Gen0Collections ?? reading.Gen0Collections,
                merged.Gen1Collections ?? reading.Gen1Collections,
                merged.Gen2Collections ?? reading.Gen2Collections);
        }

        return merged;
    }
}

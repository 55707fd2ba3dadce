namespace Kubewarden.LoadTests.Soak;

/// <summary>
/// RSS and GC counts from a target's Prometheus <c>/metrics</c>. Ours (OpenTelemetry) exposes
/// <c>process_memory_usage_bytes</c> and <c>dotnet_gc_collections_total{gc_heap_generation="gen0"}</c>; the names of
/// Prometheus client libraries and of older OpenTelemetry runtime instrumentation are read too.
/// </summary>
internal sealed class MetricsEndpointSource(HttpClient http, Uri metricsUrl) : IMemorySource
{
    private static readonly string[] RssSeries = ["process_memory_usage_bytes", "process_resident_memory_bytes", "dotnet_process_memory_working_set_bytes"];

    private static readonly (string Series, string GenerationLabel)[] GcSeries =
    [
        ("dotnet_gc_collections_total", "gc_heap_generation"),
        ("process_runtime_dotnet_gc_collections_count_total", "generation"),
        ("process_runtime_dotnet_gc_collections_count", "generation"),
    ];

    public string Description => metricsUrl.ToString();

    public async Task<MemoryReading> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(metricsUrl, cancellationToken);
            return response.IsSuccessStatusCode ? Read(await response.Content.ReadAsStringAsync(cancellationToken)) : MemoryReading.NotAvailable;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return MemoryReading.NotAvailable;
        }
    }

    /// <summary>The reading in one exposition text.</summary>
    public static MemoryReading Read(string exposition)
    {
        var series = PrometheusSeries.ParseAll(exposition);
        var rss = RssSeries.Select(name => series.FirstOrDefault(s => s.Name == name)).FirstOrDefault(s => s is not null);
        foreach (var (name, label) in GcSeries)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var sample in series.Where(s => s.Name == name && s.Labels.ContainsKey(label)))
            {
                counts.TryAdd(sample.Labels[label], (long)sample.Value);
            }

            if (counts.Count > 0)
            {
                return new MemoryReading(rss?.Value / 1024.0 / 1024.0, counts.GetValueOrDefault("gen0"), counts.GetValueOrDefault("gen1"), counts.GetValueOrDefault("gen2"));
            }
        }

        return new MemoryReading(rss?.Value / 1024.0 / 1024.0, null, null, null);
    }
}

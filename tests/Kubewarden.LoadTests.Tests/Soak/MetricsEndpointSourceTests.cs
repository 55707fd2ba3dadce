using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Tests.Soak;

public sealed class MetricsEndpointSourceTests
{
    [Fact]
    public void Reads_OpenTelemetryNames()
    {
        const string Exposition = """
            # TYPE dotnet_gc_collections_total counter
            dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 3
            dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 7
            dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 42 1700000000000
            process_memory_usage_bytes{otel_scope_name="OpenTelemetry.Instrumentation.Process",otel_scope_version="1.20.1-rc.1"} 125829120
            """;

        Assert.Equal(new MemoryReading(120, 42, 7, 3), MetricsEndpointSource.Read(Exposition));
    }

    [Fact]
    public void Reads_PrometheusClientNames_WithoutGcCounts()
    {
        Assert.Equal(new MemoryReading(64, null, null, null), MetricsEndpointSource.Read("process_resident_memory_bytes 6.7108864e+07\n"));
    }

    [Fact]
    public void UnknownSeries_AreNotAvailable()
    {
        Assert.Equal(MemoryReading.NotAvailable, MetricsEndpointSource.Read("up 1\nhttp_requests_total{path=\"/a,b\\\"}\"} 5\n"));
    }

    [Fact]
    public async Task UnreachableEndpoint_IsNotAvailable()
    {
        using var http = new HttpClient();

        var reading = await new MetricsEndpointSource(http, new Uri("http://127.0.0.1:1/metrics")).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MemoryReading.NotAvailable, reading);
    }
}

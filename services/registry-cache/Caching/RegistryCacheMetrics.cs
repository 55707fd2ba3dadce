using System.Diagnostics.Metrics;

namespace Kubewarden.RegistryCache.Caching;

/// <summary>What the cache saves: hits and misses per kind (manifest, blob), upstream pulls, bytes served and pulled.</summary>
internal sealed class RegistryCacheMetrics : IDisposable
{
    public const string MeterName = "Kubewarden.RegistryCache";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _upstreamPulls;
    private readonly Counter<long> _bytesServed;
    private readonly Counter<long> _bytesPulled;

    public RegistryCacheMetrics()
    {
        _hits = _meter.CreateCounter<long>("registry_cache_hits", description: "Requests answered from the store");
        _misses = _meter.CreateCounter<long>("registry_cache_misses", description: "Requests the store could not answer");
        _upstreamPulls = _meter.CreateCounter<long>("registry_cache_upstream_pulls", description: "Pulls from upstream registries");
        _bytesServed = _meter.CreateCounter<long>("registry_cache_served", unit: "By", description: "Bytes sent to clients");
        _bytesPulled = _meter.CreateCounter<long>("registry_cache_upstream", unit: "By", description: "Bytes pulled from upstream registries");
    }

    public void Hit(string kind) => _hits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Miss(string kind) => _misses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void UpstreamPull(string kind, long bytes)
    {
        _upstreamPulls.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _bytesPulled.Add(bytes);
    }

    public void Served(long bytes) => _bytesServed.Add(bytes);

    public void Dispose() => _meter.Dispose();
}

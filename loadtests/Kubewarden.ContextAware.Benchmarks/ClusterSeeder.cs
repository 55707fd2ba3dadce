using System.Net;
using System.Text;
using System.Text.Json;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.ContextAware.Benchmarks;

/// <summary>Creates the benchmark's objects in the test API server (admin token), skipping those already there.</summary>
internal sealed class ClusterSeeder : IDisposable
{
    private readonly HttpClient _client;

    public ClusterSeeder(string kubeconfig) => _client = TestKubeconfig.AdminClient(kubeconfig, TimeSpan.FromMinutes(2), maxConnectionsPerServer: 16);

    public async Task CreateIfMissingAsync(string collection, string body)
    {
        using var response = await _client.PostAsync(collection, new StringContent(body, Encoding.UTF8, "application/json"));
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"POST {collection}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task EnsureAsync(string collection, int count, Func<int, string> name, Func<string, string> body)
    {
        var existing = await CountAsync(collection);
        if (existing >= count)
        {
            return;
        }

        Console.Error.WriteLine($"creating {count} objects in {collection} ({existing} there)...");
        var created = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var response = await _client.PostAsync(collection, new StringContent(body(name(i)), Encoding.UTF8, "application/json"), ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"POST {collection}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }

            if (Interlocked.Increment(ref created) % 1000 == 0)
            {
                Console.Error.WriteLine($"  {created}/{count}");
            }
        });
    }

    private async Task<int> CountAsync(string collection)
    {
        var total = 0;
        string? next = null;
        do
        {
            var path = $"{collection}?limit=1000" + (next is null ? string.Empty : $"&continue={Uri.EscapeDataString(next)}");
            using var document = JsonDocument.Parse(await _client.GetStringAsync(path));
            total += document.RootElement.GetProperty("items").GetArrayLength();
            next = document.RootElement.GetProperty("metadata").TryGetProperty("continue", out var c) ? c.GetString() : null;
        }
        while (!string.IsNullOrEmpty(next));
        return total;
    }

    public void Dispose() => _client.Dispose();
}

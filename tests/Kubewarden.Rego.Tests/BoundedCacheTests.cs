using Kubewarden.Rego.Builtins;

namespace Kubewarden.Rego.Tests;

public sealed class BoundedCacheTests
{
    [Fact]
    public void A_cached_value_is_created_once()
    {
        var cache = new BoundedCache<string, string>(2);
        var created = 0;

        cache.GetOrAdd("a", k => { created++; return k; });
        cache.GetOrAdd("a", k => { created++; return k; });

        Assert.Equal(1, created);
    }

    [Fact]
    public void The_cache_holds_no_more_than_its_capacity()
    {
        var cache = new BoundedCache<int, int>(2);
        var created = new List<int>();
        int Create(int key)
        {
            created.Add(key);
            return key;
        }

        foreach (var key in new[] { 1, 2, 3, 1, 2, 3 })
        {
            Assert.Equal(key, cache.GetOrAdd(key, Create));
        }

        Assert.True(created.Count > 3, $"three keys in a cache of two must evict one, created {string.Join(',', created)}");
    }
}

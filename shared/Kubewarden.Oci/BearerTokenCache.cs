using System.Collections.Concurrent;

namespace Kubewarden.Oci;

/// <summary>Bearer tokens per (registry, scope), kept until shortly before they expire.</summary>
internal sealed class BearerTokenCache(TimeProvider time)
{
    // Tokens are dropped early so that one is never sent in the last seconds of its life.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Registry, string Scope), (string Token, DateTimeOffset ExpiresAt)> _tokens = new();

    public bool TryGet(string registry, string scope, out string token)
    {
        if (_tokens.TryGetValue((registry, scope), out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            token = entry.Token;
            return true;
        }

        token = "";
        return false;
    }

    public void Add(string registry, string scope, string token, TimeSpan lifetime) =>
        _tokens[(registry, scope)] = (token, time.GetUtcNow() + lifetime - ExpiryMargin);
}

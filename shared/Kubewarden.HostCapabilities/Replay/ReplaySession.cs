using System.Collections.Frozen;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// A kwctl host-capability session (<c>--record-host-capabilities-interactions</c>) loaded for replay. Unlike kwctl,
/// which plays the exchanges once and in order, a session here is a lookup table: a request is answered by the first
/// exchange recording an equal request, as often as it is asked, because a server evaluates many requests.
/// </summary>
public sealed class ReplaySession
{
    private readonly FrozenDictionary<string, RecordedExchange[]> _exchangesByKind;

    private ReplaySession(string file, IReadOnlyList<RecordedExchange> exchanges)
    {
        File = file;
        ExchangeCount = exchanges.Count;
        _exchangesByKind = exchanges.GroupBy(exchange => exchange.Request.Kind.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The session file.</summary>
    public string File { get; }

    /// <summary>How many exchanges the file records.</summary>
    public int ExchangeCount { get; }

    /// <summary>Reads and checks the whole file.</summary>
    /// <param name="path">A file kwctl wrote with <c>--record-host-capabilities-interactions</c>, or one written by hand in its format.</param>
    /// <exception cref="ReplaySessionException">
    /// The file cannot be read, is not YAML, or an entry is not an exchange of a known request kind; the message names
    /// the file, the entry and what was expected.
    /// </exception>
    public static ReplaySession Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ReplaySession(path, ReplaySessionReader.Read(path));
    }

    /// <summary>The first exchange whose request equals <paramref name="request"/>, or null.</summary>
    internal RecordedExchange? Find(CapabilityRequest request) =>
        _exchangesByKind.TryGetValue(request.Kind.Name, out var exchanges)
            ? Array.Find(exchanges, exchange => exchange.Request.Matches(request))
            : null;
}

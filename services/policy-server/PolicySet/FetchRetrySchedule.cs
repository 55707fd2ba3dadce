namespace Kubewarden.PolicyServer.PolicySet;

/// <summary>
/// When to try again the policies whose modules could not be fetched for a reason that may pass: after 1 s, then
/// doubling up to a minute, until none is left or the policies file changes.
/// </summary>
internal sealed class FetchRetrySchedule(TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private TimeSpan _delay = First;
    private DateTimeOffset? _due;

    /// <summary>How many retries have been made since the failures appeared.</summary>
    public int Attempts { get; private set; }

    /// <summary>Starts over: the first retry comes after the shortest delay.</summary>
    public void Start()
    {
        _delay = First;
        Attempts = 0;
        _due = time.GetUtcNow() + _delay;
    }

    /// <summary>A retry did not fix everything: the next one waits twice as long, up to a minute.</summary>
    public void Backoff()
    {
        Attempts++;
        _delay = _delay * 2 > Longest ? Longest : _delay * 2;
        _due = time.GetUtcNow() + _delay;
    }

    /// <summary>Nothing left to retry.</summary>
    public void Stop() => _due = null;

    /// <summary>How long until the next retry is due; null when none is scheduled.</summary>
    public TimeSpan? TimeUntilDue() => _due is { } due ? (due - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero) : null;
}

namespace Kubewarden.Policies;

internal static class TimeoutSeconds
{
    private static readonly ulong s_maxSeconds = (ulong)TimeSpan.MaxValue.TotalSeconds;

    /// <summary>Seconds → <see cref="TimeSpan"/>, saturating at <see cref="TimeSpan.MaxValue"/>.</summary>
    public static TimeSpan? ToTimeSpan(ulong? seconds) => seconds switch
    {
        null => null,
        { } s when s >= s_maxSeconds => TimeSpan.MaxValue,
        { } s => TimeSpan.FromSeconds(s),
    };
}

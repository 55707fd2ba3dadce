namespace Kubewarden.Evaluation;

/// <summary>Event ids of the evaluation library (1000–1999). Names are API: do not rename.</summary>
public static class EvaluationEventIds
{
    /// <summary>The Kubewarden version the server presents to policies, logged once at start.</summary>
    public const int Compatibility = 1004;

    /// <summary>A policy was loaded.</summary>
    public const int PolicyLoaded = 1000;

    /// <summary>A policy failed to load.</summary>
    public const int PolicyLoadFailed = 1001;

    /// <summary>A waPC module was snapshotted after initialisation.</summary>
    public const int SnapshotCreated = 1002;

    /// <summary>A waPC module cannot be snapshotted; it is initialised per evaluation.</summary>
    public const int SnapshotUnavailable = 1003;

    /// <summary>A policy asked for a capability it was not granted.</summary>
    public const int HostCapabilityDenied = 1010;

    /// <summary>A policy log record (<c>tracing/log</c>).</summary>
    public const int GuestLog = 1011;

    /// <summary>A policy log record that could not be read.</summary>
    public const int GuestLogMalformed = 1012;

    /// <summary>A waPC guest's <c>__console_log</c>.</summary>
    public const int GuestConsoleLog = 1013;

    /// <summary>A guest wrote to stdout/stderr.</summary>
    public const int GuestOutput = 1014;

    /// <summary>A Rego module's <c>opa_println</c>.</summary>
    public const int OpaPrintln = 1015;

    /// <summary>A Rego module called <c>opa_abort</c>.</summary>
    public const int OpaAbort = 1016;

    /// <summary>A guest trapped; the engine detail (backtrace) is logged here only.</summary>
    public const int GuestTrapped = 1020;

    /// <summary>The would-be verdict of a policy in monitor mode.</summary>
    public const int MonitorVerdict = 1030;

    /// <summary>A policy set was built (start or reload).</summary>
    public const int EnvironmentBuilt = 1040;

    /// <summary>One policy of a set failed to load; it answers with its error while the others serve.</summary>
    public const int EntryFailed = 1041;
}

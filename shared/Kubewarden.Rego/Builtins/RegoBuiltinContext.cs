using Microsoft.Extensions.Logging;

namespace Kubewarden.Rego.Builtins;

/// <summary>What builtins may use besides their arguments; one context per evaluation.</summary>
public sealed class RegoBuiltinContext
{
    /// <summary>Creates the context of an evaluation starting now.</summary>
    public RegoBuiltinContext(TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        Logger = logger;
        EvaluationStart = time.GetUtcNow();
    }

    /// <summary>The clock (tests substitute a fake one).</summary>
    public TimeProvider Time { get; }

    /// <summary>Where <c>trace</c> notes go.</summary>
    public ILogger Logger { get; }

    /// <summary>When the evaluation started: <c>time.now_ns</c> answers this for the whole evaluation, as OPA does.</summary>
    public DateTimeOffset EvaluationStart { get; }
}

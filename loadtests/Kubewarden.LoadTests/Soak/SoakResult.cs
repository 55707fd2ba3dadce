using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Soak;

/// <summary>A soak: the load run at a fixed rate and the target's memory over it.</summary>
internal sealed record SoakResult(LoadResult Load, MemorySummary Memory, string MemorySource, int Samples)
{
    /// <summary>RSS counts as flat when its slope over the second half of the run stays within this, either way.</summary>
    public const double FlatSlopeMiBPerMinute = 1.0;

    /// <summary>Null when no RSS slope is available.</summary>
    public bool? IsFlat => Memory.SlopeMiBPerMinute is { } slope ? Math.Abs(slope) <= FlatSlopeMiBPerMinute : null;

    public bool GoalMet => IsFlat == true && Load.ErrorCount == 0;
}

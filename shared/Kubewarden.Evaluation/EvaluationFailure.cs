namespace Kubewarden.Evaluation;

/// <summary>How an evaluation failed, when it did.</summary>
public enum EvaluationFailure
{
    /// <summary>The policy answered.</summary>
    None,

    /// <summary>The policy errored, trapped, or answered something unreadable: a rejection with code 500.</summary>
    PolicyError,

    /// <summary>The policy ran past its deadline: a rejection with code 500.</summary>
    Timeout,

    /// <summary>A fresh instance could not be created (Kubewarden answers HTTP 500 for this).</summary>
    InstantiationError,

    /// <summary>The policy failed to load (bad module, invalid settings): it answers with that error, code 500.</summary>
    LoadError,
}

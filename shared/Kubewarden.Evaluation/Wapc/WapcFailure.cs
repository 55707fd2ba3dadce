namespace Kubewarden.Evaluation.Wapc;

/// <summary>Why a waPC call failed.</summary>
public enum WapcFailure
{
    /// <summary>It did not.</summary>
    None,

    /// <summary>The guest reported an error, or trapped.</summary>
    GuestError,

    /// <summary>The call ran past its deadline.</summary>
    Timeout,

    /// <summary><c>_start</c>/<c>wapc_init</c> (or instantiation) failed.</summary>
    InitFailure,

    /// <summary><c>_start</c>/<c>wapc_init</c> ran past the deadline.</summary>
    InitTimeout,
}

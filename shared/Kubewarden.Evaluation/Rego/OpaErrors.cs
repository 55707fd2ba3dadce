namespace Kubewarden.Evaluation.Rego;

/// <summary>Error texts of the Rego runtime, as Kubewarden words them.</summary>
internal static class OpaErrors
{
    public const string InternalServerError = "internal server error: ";

    public const string GatekeeperRawRequest = "Gatekeeper does not support raw validation requests";

    public const string ContextAwareChannelNotSet = "cannot build Rego context aware data: callback channel is not set";

    public const string ContextAwareDataFailed = "cannot build Rego context aware data: ";

    public const string UninterpretableOpaResult = "cannot interpret OPA policy result";

    public const string MissingBuiltins = "Missing Rego builtins: ";
}

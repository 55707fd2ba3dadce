namespace Kubewarden.PolicyServer;

/// <summary>Event ids of the policy-server (3000–3999). Names are API: do not rename.</summary>
internal static class PolicyServerEventIds
{
    public const int Starting = 3000;
    public const int PolicySetServing = 3001;
    public const int ReloadRefused = 3002;
    public const int ReloadUnreadable = 3003;
    public const int UnsupportedFlag = 3004;
    public const int ModulesFreed = 3005;
    public const int FetchesRecovered = 3006;
    public const int FetchesStillFailing = 3007;
    public const int EvaluationError = 3010;
}

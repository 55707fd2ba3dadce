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
    public const int ModuleFetching = 3020;
    public const int ModuleFetched = 3021;
    public const int ModuleReused = 3022;
    public const int LatestResolvedAgain = 3023;
    public const int RegistryCacheUnavailable = 3024;
    public const int StoreEntryDamaged = 3025;
    public const int KubernetesConfigured = 3030;
    public const int KubernetesUnavailable = 3031;
}

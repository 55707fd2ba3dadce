namespace Kubewarden.Evaluation;

/// <summary>The Kubewarden release this implementation is compatible with.</summary>
public static class KubewardenCompatibility
{
    /// <summary>
    /// The version the server presents to policies (checked against their <c>minimumKubewardenVersion</c>).
    /// </summary>
    public static readonly Version Version = new(1, 36, 0);
}

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>daprd's checks on state keys.</summary>
internal static class StateKeys
{
    /// <summary>daprd joins a key prefix (the app ID) and a key with this, so keys must not contain it.</summary>
    public const string Separator = "||";

    public static string Checked(string key) =>
        key.Contains(Separator, StringComparison.Ordinal) ? throw StateErrors.IllegalKey(key) : key;

    /// <summary>Writes also refuse an empty key.</summary>
    public static string CheckedForWrite(string key) =>
        key.Length == 0 ? throw StateErrors.EmptyKey() : Checked(key);
}

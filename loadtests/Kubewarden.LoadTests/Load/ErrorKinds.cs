namespace Kubewarden.LoadTests.Load;

/// <summary>The names errors are counted under; HTTP failures are counted as <c>http-&lt;status&gt;</c>.</summary>
internal static class ErrorKinds
{
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string Overloaded = "overloaded";
    public const string RejectedBody = "rejected-body";

    public static string Http(int status) => $"http-{status}";
}

using Kubewarden.Oci;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>The text a policy reads when a registry query fails, for the failures a registry or the network can cause.</summary>
internal static class RegistryFailure
{
    /// <summary>What went wrong, or null for an exception that is not a registry failure (a bug, to propagate).</summary>
    public static string? Describe(Exception exception, string image) => exception switch
    {
        OciRegistryException or OciReferenceFormatException => exception.Message,
        HttpRequestException or IOException => $"could not query the registry for {image}: {Chain(exception)}",
        // HttpClient reports its request timeout as a cancellation; handlers never cancel.
        OperationCanceledException => $"the registry did not answer in time for {image}: {Chain(exception)}",
        _ => null,
    };

    // HttpClient wraps socket and TLS errors; the inner messages say what happened.
    private static string Chain(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" -> ", messages);
    }
}

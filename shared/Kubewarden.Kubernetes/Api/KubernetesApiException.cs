using System.Net;

namespace Kubewarden.Kubernetes.Api;

/// <summary>The API server answered an error or could not be reached; the message is the server's own when it gave one.</summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, HttpStatusCode? status, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException()
        : this("the Kubernetes API call failed", (HttpStatusCode?)null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message)
        : this(message, (HttpStatusCode?)null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The HTTP status, when the server answered.</summary>
    public HttpStatusCode? Status { get; }
}

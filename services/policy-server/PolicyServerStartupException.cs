namespace Kubewarden.PolicyServer;

/// <summary>The server cannot start: bad flags, an invalid policies file, unreadable TLS material.</summary>
internal sealed class PolicyServerStartupException(string message, Exception? innerException = null) : Exception(message, innerException);

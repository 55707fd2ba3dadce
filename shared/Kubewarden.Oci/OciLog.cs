using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

internal static partial class OciLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Resolved manifest of {Reference} to {ManifestDigest} in {ElapsedMs:F1} ms")]
    public static partial void ManifestResolved(this ILogger logger, string reference, string manifestDigest, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Downloaded layer {LayerDigest} of {Reference} ({Bytes} bytes) in {ElapsedMs:F1} ms")]
    public static partial void LayerDownloaded(this ILogger logger, string reference, string layerDigest, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Pushed {Reference} as {ManifestDigest} ({Bytes} bytes of Wasm) in {ElapsedMs:F1} ms")]
    public static partial void PolicyPushed(this ILogger logger, string reference, string manifestDigest, int bytes, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Blob {Digest} already in {Reference}; not uploaded")]
    public static partial void BlobAlreadyPresent(this ILogger logger, string reference, string digest);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Uploaded blob {Digest} ({Bytes} bytes) to {Reference}")]
    public static partial void BlobUploaded(this ILogger logger, string reference, string digest, long bytes);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Could not reach {Url} ({Verification}): {Error}")]
    public static partial void EndpointFailed(this ILogger logger, Uri url, TlsVerification verification, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Obtained a bearer token for {Registry} scope {Scope}, valid {LifetimeSeconds} s")]
    public static partial void TokenObtained(this ILogger logger, string registry, string scope, int lifetimeSeconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Downloaded {Url} ({Bytes} bytes) in {ElapsedMs:F1} ms")]
    public static partial void ModuleDownloaded(this ILogger logger, Uri url, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "No Docker config at {Path}; registries are accessed anonymously")]
    public static partial void DockerConfigMissing(this ILogger logger, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Cannot read Docker config {Path} ({Error}); registries are accessed anonymously")]
    public static partial void DockerConfigUnreadable(this ILogger logger, string path, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Docker config credential helpers (credsStore/credHelpers) are not supported; hosts without auths entries are accessed anonymously")]
    public static partial void CredentialHelpersUnsupported(this ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Docker config identity token for {Registry} is not supported; accessing it anonymously")]
    public static partial void IdentityTokenUnsupported(this ILogger logger, string registry);
}

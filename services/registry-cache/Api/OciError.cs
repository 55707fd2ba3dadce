using System.Text.Json;

namespace Kubewarden.RegistryCache.Api;

/// <summary>Error answers in the OCI distribution format: <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
internal static class OciError
{
    public static IResult NameUnknown(string name, string why) => Error(StatusCodes.Status404NotFound, "NAME_UNKNOWN", "repository name not known to registry", $"{name}: {why}");

    public static IResult ManifestUnknown(string detail) => Error(StatusCodes.Status404NotFound, "MANIFEST_UNKNOWN", "manifest unknown", detail);

    public static IResult BlobUnknown(string detail) => Error(StatusCodes.Status404NotFound, "BLOB_UNKNOWN", "blob unknown to registry", detail);

    public static IResult DigestInvalid(string detail) => Error(StatusCodes.Status400BadRequest, "DIGEST_INVALID", "provided digest did not match uploaded content", detail);

    public static IResult Unsupported(string detail) => Error(StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "the operation is unsupported", detail);

    public static IResult UpstreamFailed(string detail) => Error(StatusCodes.Status502BadGateway, "UNKNOWN", "the upstream registry could not be reached", detail);

    private static IResult Error(int status, string code, string message, string detail) =>
        Results.Text(
            JsonSerializer.Serialize(new ErrorList([new ErrorEntry(code, message, detail)]), RegistryCacheJsonContext.Default.ErrorList),
            "application/json",
            statusCode: status);
}

internal sealed record ErrorList(IReadOnlyList<ErrorEntry> Errors);

internal sealed record ErrorEntry(string Code, string Message, string Detail);

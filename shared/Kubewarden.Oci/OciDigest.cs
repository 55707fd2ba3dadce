using System.Security.Cryptography;

namespace Kubewarden.Oci;

/// <summary>
/// SHA-256 content digests in the <c>sha256:&lt;hex&gt;</c> form the distribution API uses.
/// </summary>
internal static class OciDigest
{
    public const string Sha256Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    public static string Format(ReadOnlySpan<byte> hash) => Sha256Prefix + Convert.ToHexStringLower(hash);

    public static bool IsSha256(string digest) =>
        digest.StartsWith(Sha256Prefix, StringComparison.Ordinal) && digest.Length == Sha256Prefix.Length + 64;
}

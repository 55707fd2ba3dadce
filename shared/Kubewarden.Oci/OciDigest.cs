using System.Security.Cryptography;

namespace Kubewarden.Oci;

/// <summary>
/// SHA-256 content digests in the <c>sha256:&lt;hex&gt;</c> form the distribution API uses.
/// </summary>
public static class OciDigest
{
    /// <summary>The algorithm prefix of SHA-256 digests.</summary>
    public const string Sha256Prefix = "sha256:";

    /// <summary>The digest of <paramref name="content"/>.</summary>
    /// <param name="content">The bytes to hash.</param>
    /// <returns><c>sha256:</c> followed by 64 lowercase hex digits.</returns>
    public static string Of(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    /// <summary>Formats a SHA-256 hash as a digest.</summary>
    /// <param name="hash">The 32-byte hash.</param>
    /// <returns><c>sha256:</c> followed by the lowercase hex of <paramref name="hash"/>.</returns>
    public static string Format(ReadOnlySpan<byte> hash) => Sha256Prefix + Convert.ToHexStringLower(hash);

    /// <summary>Whether <paramref name="digest"/> has the shape of a SHA-256 digest.</summary>
    /// <param name="digest">The text to check.</param>
    /// <returns>True for <c>sha256:</c> followed by 64 lowercase hex digits.</returns>
    public static bool IsSha256(string digest) =>
        digest is not null && digest.StartsWith(Sha256Prefix, StringComparison.Ordinal) && digest.Length == Sha256Prefix.Length + 64
        && !digest.AsSpan(Sha256Prefix.Length).ContainsAnyExcept("0123456789abcdef");
}

using System.Security.Cryptography;

namespace Kubewarden.Hosting.Tls;

/// <summary>A single PEM block: its label and its base64-decoded content.</summary>
internal readonly record struct PemBlock(string Label, byte[] Data);

/// <summary>Reading and splitting PEM files.</summary>
internal static class PemFile
{
    internal const string CertificateLabel = "CERTIFICATE";
    internal const string Pkcs8KeyLabel = "PRIVATE KEY";
    internal const string RsaKeyLabel = "RSA PRIVATE KEY";
    internal const string EcKeyLabel = "EC PRIVATE KEY";
    internal const string EncryptedKeyLabel = "ENCRYPTED PRIVATE KEY";

    /// <summary>Reads a file as text, converting I/O failures into <see cref="TlsConfigurationException"/>.</summary>
    internal static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TlsConfigurationException(path, $"{path} does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsConfigurationException(path, $"{path} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Returns every well-formed PEM block in <paramref name="text"/>, in order.</summary>
    internal static List<PemBlock> Parse(string text)
    {
        var blocks = new List<PemBlock>();
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var data = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], data, out var written))
            {
                // TryFind has validated the base64 already; this is defensive.
                break;
            }

            blocks.Add(new PemBlock(label, data[..written]));
            rest = rest[fields.Location.End.GetOffset(rest.Length)..];
        }

        return blocks;
    }

    /// <summary>True when <paramref name="label"/> denotes a private key.</summary>
    internal static bool IsPrivateKey(string label) =>
        label is Pkcs8KeyLabel or RsaKeyLabel or EcKeyLabel or EncryptedKeyLabel;
}

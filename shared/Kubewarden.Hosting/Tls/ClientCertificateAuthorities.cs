using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.Hosting.Tls;

/// <summary>
/// Loads the certificate authorities trusted for client certificates (<c>--client-ca-file</c>).
/// </summary>
public static class ClientCertificateAuthorities
{
    /// <summary>
    /// Splits the value of <c>--client-ca-file</c> (a comma-separated list of paths) into paths.
    /// Surrounding whitespace and empty entries are ignored.
    /// </summary>
    public static IReadOnlyList<string> ParseList(string commaSeparatedFiles)
    {
        ArgumentNullException.ThrowIfNull(commaSeparatedFiles);
        return commaSeparatedFiles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Loads the union of all PEM certificates in <paramref name="caFiles"/>.
    /// </summary>
    /// <exception cref="TlsConfigurationException">
    /// The list is empty, or a file is missing, unreadable, contains no certificate or an invalid one.
    /// </exception>
    public static X509Certificate2Collection Load(IReadOnlyList<string> caFiles)
    {
        ArgumentNullException.ThrowIfNull(caFiles);
        var contents = new List<(string Path, string Text)>(caFiles.Count);
        foreach (var file in caFiles)
        {
            contents.Add((file, PemFile.ReadText(file)));
        }

        return LoadFromPem(contents);
    }

    /// <summary>Builds the collection from already-read file contents.</summary>
    internal static X509Certificate2Collection LoadFromPem(IReadOnlyList<(string Path, string Text)> files)
    {
        if (files.Count == 0)
        {
            throw new TlsConfigurationException("no client CA file was given");
        }

        var collection = new X509Certificate2Collection();
        try
        {
            foreach (var (path, text) in files)
            {
                var blocks = PemFile.Parse(text).Where(b => b.Label == PemFile.CertificateLabel).ToList();
                if (blocks.Count == 0)
                {
                    throw new TlsConfigurationException(path, $"{path} contains no PEM certificate; at least one CA certificate is expected");
                }

                foreach (var block in blocks)
                {
                    try
                    {
                        collection.Add(X509CertificateLoader.LoadCertificate(block.Data));
                    }
                    catch (CryptographicException ex)
                    {
                        throw new TlsConfigurationException(path, $"{path} contains an invalid certificate: {ex.Message}", ex);
                    }
                }
            }

            return collection;
        }
        catch
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }

            throw;
        }
    }
}

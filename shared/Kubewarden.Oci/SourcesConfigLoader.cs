using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kubewarden.Oci;

/// <summary>
/// Reads Kubewarden's <c>sources.yml</c> (YAML or JSON): <c>insecure_sources</c> and <c>source_authorities</c>.
/// Other keys (such as <c>proxies</c>) are ignored here.
/// </summary>
public static class SourcesConfigLoader
{
    /// <summary>Reads and parses a <c>sources.yml</c> file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="SourcesConfigException">The file cannot be read or is malformed.</exception>
    public static async Task<SourcesConfig> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new SourcesConfigException($"cannot read sources file {path}: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses a <c>sources.yml</c> document.</summary>
    /// <param name="text">YAML or JSON.</param>
    /// <param name="origin">Where the text came from, for error messages.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="SourcesConfigException">The document is malformed or a certificate cannot be read.</exception>
    public static SourcesConfig Parse(string text, string origin = "sources.yml")
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = ReadRoot(text, origin);
        if (root is null)
        {
            return SourcesConfig.Empty;
        }

        var insecure = new List<string>();
        var authorities = new Dictionary<string, X509Certificate2Collection>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Scalar(keyNode, origin, "a key"))
            {
                case "insecure_sources":
                    insecure.AddRange(Sequence(value, origin, "insecure_sources").Select(n => Scalar(n, origin, "an insecure_sources entry")));
                    break;
                case "source_authorities":
                    foreach (var (hostNode, list) in Mapping(value, origin, "source_authorities").Children)
                    {
                        var host = Scalar(hostNode, origin, "a source_authorities host");
                        var roots = new X509Certificate2Collection();
                        foreach (var entry in Sequence(list, origin, $"source_authorities.{host}"))
                        {
                            roots.AddRange(ReadAuthority(entry, origin, host));
                        }

                        authorities[host] = roots;
                    }

                    break;
            }
        }

        return new SourcesConfig(insecure, authorities);
    }

    private static YamlMappingNode? ReadRoot(string text, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SourcesConfigException($"{origin} is not valid YAML or JSON: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        return Mapping(stream.Documents[0].RootNode, origin, "the document");
    }

    private static X509Certificate2Collection ReadAuthority(YamlNode entry, string origin, string host)
    {
        var fields = Mapping(entry, origin, $"a source_authorities.{host} entry").Children
            .ToDictionary(p => Scalar(p.Key, origin, "a key"), p => p.Value, StringComparer.Ordinal);
        var type = fields.TryGetValue("type", out var typeNode) ? Scalar(typeNode, origin, "type") : null;
        switch (type)
        {
            case "Path" when fields.TryGetValue("path", out var pathNode):
                var path = Scalar(pathNode, origin, "path");
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(path);
                }
                catch (IOException e)
                {
                    throw new SourcesConfigException($"{origin}: cannot read certificate file {path} for {host}: {e.Message}", e);
                }

                return CertificateDecoder.Decode(bytes, $"{origin}: the certificate file {path} for {host}");
            case "Data" when fields.TryGetValue("data", out var dataNode):
                return CertificateDecoder.Decode(Encoding.UTF8.GetBytes(Scalar(dataNode, origin, "data")), $"{origin}: the certificate data for {host}");
            default:
                throw new SourcesConfigException(
                    $"{origin}: each source_authorities.{host} entry must be {{type: Path, path: <file>}} or {{type: Data, data: <PEM>}}");
        }
    }

    private static string Scalar(YamlNode node, string origin, string what) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw new SourcesConfigException($"{origin}: expected a string for {what} at line {node.Start.Line}");

    private static YamlSequenceNode Sequence(YamlNode node, string origin, string what) =>
        node as YamlSequenceNode ?? throw new SourcesConfigException($"{origin}: {what} must be a list (line {node.Start.Line})");

    private static YamlMappingNode Mapping(YamlNode node, string origin, string what) =>
        node as YamlMappingNode ?? throw new SourcesConfigException($"{origin}: {what} must be a mapping (line {node.Start.Line})");
}

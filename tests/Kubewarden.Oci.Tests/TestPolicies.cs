using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Oci.Tests;

/// <summary>Modules and clients shared by the tests.</summary>
internal static class TestPolicies
{
    public static byte[] NoPrivilegedPods { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "no-privileged-pods.wasm"));

    public static OciRegistryClient Client(SourcesConfig? sources = null, string? dockerConfigPath = null) =>
        new(new OciClientOptions { Sources = sources ?? SourcesConfig.Empty, DockerConfigPath = dockerConfigPath ?? MissingDockerConfig },
            NullLogger<OciRegistryClient>.Instance);

    public static SourcesConfig Insecure(string host) => SourcesConfigLoader.Parse($"insecure_sources: [\"{host}\"]");

    public static string MissingDockerConfig => Path.Combine(Path.GetTempPath(), "kw-oci-no-docker-config", "config.json");

    /// <summary>Writes a Docker config with Basic credentials for <paramref name="host"/> and returns its path.</summary>
    public static string DockerConfig(string directory, string host, string username, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        var path = Path.Combine(directory, "config.json");
        File.WriteAllText(path, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
        return path;
    }

    /// <summary>A minimal module whose only section is the <c>io.kubewarden.metadata</c> custom section.</summary>
    public static byte[] ModuleWithMetadata(string metadataJson)
    {
        var name = Encoding.UTF8.GetBytes("io.kubewarden.metadata");
        var payload = Encoding.UTF8.GetBytes(metadataJson);
        var content = new List<byte>();
        content.AddRange(Leb128(name.Length));
        content.AddRange(name);
        content.AddRange(payload);
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x00 };
        module.AddRange(Leb128(content.Count));
        module.AddRange(content);
        return [.. module];
    }

    private static IEnumerable<byte> Leb128(int value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            yield return value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
    }
}

namespace Kubewarden.Oci;

/// <summary>Where policies may be fetched from and with which credentials.</summary>
public sealed class OciClientOptions
{
    /// <summary>Insecure sources and extra certificate authorities (<c>sources.yml</c>).</summary>
    public SourcesConfig Sources { get; init; } = SourcesConfig.Empty;

    /// <summary>
    /// The Docker config (<c>--docker-config-json-path</c>): a <c>config.json</c> file or a directory holding one. When null,
    /// <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.
    /// </summary>
    public string? DockerConfigPath { get; init; }

    /// <summary>The timeout of each HTTP request, including a whole blob download.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

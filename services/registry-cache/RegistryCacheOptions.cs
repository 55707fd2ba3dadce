namespace Kubewarden.RegistryCache;

/// <summary>Configuration section <c>RegistryCache</c>.</summary>
internal sealed class RegistryCacheOptions
{
    /// <summary>The upstream registries (<c>host[:port]</c>) the cache serves; requests for others answer NAME_UNKNOWN.</summary>
    public IReadOnlyList<string> Upstreams { get; init; } = [];

    /// <summary>The <c>sources.yml</c> with insecure upstreams and extra certificate authorities; none when null.</summary>
    public string? SourcesPath { get; init; }

    /// <summary>The Docker config holding upstream credentials (file or directory); <c>$DOCKER_CONFIG</c> or <c>~/.docker</c> when null.</summary>
    public string? DockerConfigPath { get; init; }

    /// <summary>The Dapr state store holding blobs and manifests.</summary>
    public string StateStore { get; init; } = "registry-cache";

    /// <summary>How long a tag → digest answer is reused before the upstream is asked again.</summary>
    public TimeSpan TagTimeToLive { get; init; } = TimeSpan.FromSeconds(30);
}

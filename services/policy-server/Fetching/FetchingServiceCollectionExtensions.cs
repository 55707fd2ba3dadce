using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Oci;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer.Fetching;

/// <summary>Registers the policy module fetcher and what it needs: the OCI client, the HTTPS downloader and the store.</summary>
internal static class FetchingServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyFetching(this IServiceCollection services, PolicyServerOptions options)
    {
        var cache = options.RegistryCache is { } url ? new RegistryCacheAddress(url) : null;
        services.AddSingleton(_ => new OciClientOptions
        {
            Sources = LoadSources(options.SourcesPath, cache),
            DockerConfigPath = options.DockerConfigJsonPath,
        });
        services.AddSingleton<OciRegistryClient>();
        services.AddSingleton<HttpModuleDownloader>();
        services.AddSingleton(provider => new ModuleStore(options.PoliciesDownloadDir, provider.GetRequiredService<ILogger<ModuleStore>>()));
        services.AddSingleton(provider => new RegistryPuller(
            provider.GetRequiredService<OciRegistryClient>(), cache, provider.GetRequiredService<ILogger<RegistryPuller>>()));
        services.AddSingleton<FileModuleFetcher>();
        services.AddSingleton<IPolicyModuleFetcher, PolicyModuleFetcher>();
        return services;
    }

    /// <summary>
    /// Reads <c>sources.yml</c> (none: no insecure sources, system roots only); a plain-HTTP registry cache is added to
    /// the insecure sources, since that is how the client is allowed to speak plain HTTP to a host.
    /// </summary>
    private static SourcesConfig LoadSources(string? path, RegistryCacheAddress? cache)
    {
        SourcesConfig sources;
        try
        {
            sources = path is null ? SourcesConfig.Empty : SourcesConfigLoader.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyServerStartupException($"cannot read --sources-path {path}: {e.Message}", e);
        }
        catch (SourcesConfigException e)
        {
            throw new PolicyServerStartupException($"invalid --sources-path {path}: {e.Message}", e);
        }

        return cache is { IsPlainHttp: true }
            ? new SourcesConfig(sources.InsecureSources.Append(cache.Host), sources.SourceAuthorities)
            : sources;
    }
}

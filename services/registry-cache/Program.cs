using Kubewarden.Hosting.Dapr;
using Kubewarden.Oci;
using Kubewarden.RegistryCache;
using Kubewarden.RegistryCache.Api;
using Kubewarden.RegistryCache.Caching;
using Kubewarden.RegistryCache.Storage;
using Kubewarden.RegistryCache.Upstream;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
using (var startupLogs = LoggerFactory.Create(logging => logging.AddConsole()))
{
    await builder.UseDaprSidecarAsync(startupLogs, CancellationToken.None);
}

var options = builder.Configuration.GetSection("RegistryCache").Get<RegistryCacheOptions>() ?? new RegistryCacheOptions();
var sources = options.SourcesPath is null ? SourcesConfig.Empty : await SourcesConfigLoader.LoadAsync(options.SourcesPath);
builder.Services.AddSingleton(options);
builder.Services.AddKubewardenDaprClient();
builder.Services.AddSingleton(provider => new DaprContentStore(
    provider.GetRequiredService<Dapr.Client.DaprClient>(), options.StateStore, provider.GetRequiredService<ILogger<DaprContentStore>>()));
builder.Services.AddSingleton(provider => new OciRegistryClient(
    new OciClientOptions { Sources = sources, DockerConfigPath = options.DockerConfigPath }, provider.GetRequiredService<ILogger<OciRegistryClient>>()));
builder.Services.AddSingleton<IUpstreamRegistry, OciUpstreamRegistry>();
builder.Services.AddSingleton(new TagCache(options.TagTimeToLive, TimeProvider.System));
builder.Services.AddSingleton<RegistryCacheMetrics>();
builder.Services.AddSingleton<PullThroughCache>();
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(RegistryCacheMetrics.MeterName).AddPrometheusExporter());
var app = builder.Build();
app.MapDistributionApi();
app.MapPrometheusScrapingEndpoint("/metrics");
await app.RunAsync();

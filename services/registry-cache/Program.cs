using Kubewarden.Hosting.Dapr;
using Kubewarden.RegistryCache;
using Kubewarden.RegistryCache.Api;
using Kubewarden.RegistryCache.Caching;
using Kubewarden.RegistryCache.Storage;

var builder = WebApplication.CreateBuilder(args);
using (var startupLogs = LoggerFactory.Create(logging => logging.AddConsole()))
{
    await builder.UseDaprSidecarAsync(startupLogs, CancellationToken.None);
}

var options = builder.Configuration.GetSection("RegistryCache").Get<RegistryCacheOptions>() ?? new RegistryCacheOptions();
builder.Services.AddSingleton(options);
builder.Services.AddKubewardenDaprClient();
builder.Services.AddSingleton(provider => new DaprContentStore(
    provider.GetRequiredService<Dapr.Client.DaprClient>(), options.StateStore, provider.GetRequiredService<ILogger<DaprContentStore>>()));
builder.Services.AddSingleton(new TagCache(options.TagTimeToLive, TimeProvider.System));
builder.Services.AddSingleton<RegistryCacheMetrics>();
builder.Services.AddSingleton<PullThroughCache>();
var app = builder.Build();
app.MapDistributionApi();
await app.RunAsync();

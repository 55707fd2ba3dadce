using Kubewarden.Hosting.Dapr;
using Kubewarden.RegistryCache.Storage;
using Microsoft.Extensions.Logging.Abstractions;

var builder = WebApplication.CreateBuilder(args);
using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());
await builder.UseDaprSidecarAsync(startupLogs, CancellationToken.None);
builder.Services.AddKubewardenDaprClient();
builder.Services.AddSingleton(provider => new DaprContentStore(
    provider.GetRequiredService<Dapr.Client.DaprClient>(),
    builder.Configuration["RegistryCache:StateStore"] ?? "registry-cache",
    provider.GetService<ILogger<DaprContentStore>>() ?? NullLogger<DaprContentStore>.Instance));
var app = builder.Build();
await app.RunAsync();

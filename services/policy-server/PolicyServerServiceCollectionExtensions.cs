using Kubewarden.Evaluation;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Hosting.Tls;
using Kubewarden.PolicyServer.Api;
using Kubewarden.PolicyServer.Configuration;
using Kubewarden.PolicyServer.Fetching;
using Kubewarden.PolicyServer.PolicySet;
using Kubewarden.PolicyServer.Telemetry;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kubewarden.PolicyServer;

/// <summary>The policy-server's services, grouped so the host reads as a table of contents.</summary>
internal static class PolicyServerServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyServer(this IServiceCollection services, PolicyServerOptions options, TlsCertificateReloader? tls)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        if (tls is not null)
        {
            services.AddSingleton(tls);
        }

        services.AddEvaluation(options);
        services.AddSingleton<PolicySetState>();
        services.AddHostedService<PolicySetLoader>();
        services.AddSingleton(new EvaluationGate(options.Workers));
        services.AddSingleton<AdmissionHandler>();
        services.AddTelemetry(options);
        return services;
    }

    private static void AddEvaluation(this IServiceCollection services, PolicyServerOptions options)
    {
        services.AddSingleton<IWasmEngine>(_ => WasmEngines.Create(
            options.Engine.ToString(), new WasmEngineOptions { CacheDirectory = options.PrecompiledCacheDir }));
        services.AddHostCapabilities(options);
        services.AddSingleton(new EvaluationOptions
        {
            DefaultTimeout = options.DisableTimeoutProtection ? null : options.PolicyTimeout,
            MaxMemoryBytes = options.MaxPolicyMemoryBytes,
            SnapshotDirectory = Path.Combine(options.PrecompiledCacheDir, "snapshots"),
        });
        services.AddSingleton<PolicyLoader>();
        services.AddPolicyFetching(options);
        services.AddSingleton<PolicyEnvironmentBuilder>();
    }

    private static void AddTelemetry(this IServiceCollection services, PolicyServerOptions options)
    {
        services.AddSingleton<PolicyServerMetrics>();
        var telemetry = services.AddOpenTelemetry();
        if (options.LogFormat == PolicyServerLogFormat.Otlp)
        {
            telemetry.ConfigureResource(resource => resource.AddService("kubewarden-policy-server"))
                .WithTracing(tracing => tracing.AddSource(PolicyServerTracing.SourceName).AddOtlpExporter());
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(PolicyServerMetrics.MeterName)
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter();
            if (options.EnableMetrics)
            {
                metrics.AddOtlpExporter();
            }
        });
    }
}

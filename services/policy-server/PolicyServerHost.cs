using System.Collections;
using Kubewarden.Hosting.CommandLine;
using Kubewarden.Hosting.Tls;
using Kubewarden.PolicyServer.Api;
using Kubewarden.PolicyServer.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kubewarden.PolicyServer;

/// <summary>Builds and runs the policy-server: flags → options → services → two listeners → endpoints.</summary>
internal static partial class PolicyServerHost
{
    public static async Task<int> RunAsync(string[] args, IDictionary environment)
    {
        WebApplication app;
        try
        {
            var parsed = Parse(args, environment);
            if (parsed.HelpRequested || parsed.Subcommand == "docs")
            {
                return WriteDocs(parsed);
            }

            app = Build(parsed, builder => { });
        }
        catch (PolicyServerStartupException e)
        {
            await Console.Error.WriteLineAsync($"policy-server: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (PolicyServerStartupException e)
        {
            await Console.Error.WriteLineAsync($"policy-server: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        return 0;
    }

    public static CommandLineResult Parse(string[] args, IDictionary environment)
    {
        var parsed = CommandLineParser.Parse(PolicyServerFlags.All, args, environment, ["docs"]);
        return parsed.Succeeded
            ? parsed
            : throw new PolicyServerStartupException(string.Join(Environment.NewLine, parsed.Errors));
    }

    /// <summary>The configured application, not started; <paramref name="configure"/> lets tests adjust the builder.</summary>
    public static WebApplication Build(CommandLineResult parsed, Action<WebApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(parsed.Values);
        var options = PolicyServerOptions.Bind(builder.Configuration, out var errors);
        if (errors.Count > 0)
        {
            throw new PolicyServerStartupException(string.Join(Environment.NewLine, errors));
        }

        Directory.CreateDirectory(options.PoliciesDownloadDir);
        builder.Logging.AddPolicyServerLogging(options);
        var tls = CreateTls(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = System.Net.IPAddress.Parse(options.Address);
            kestrel.Listen(address, options.Port, listen =>
            {
                listen.Tag(Listener.Api);
                if (tls is not null)
                {
                    listen.UseKubewardenTls(tls);
                }
            });
            kestrel.Listen(address, options.ReadinessProbePort, listen => listen.Tag(Listener.Readiness).Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddPolicyServer(options, tls);
        configure(builder);

        var app = builder.Build();
        LogStarting(app.Logger(), options.Port, options.ReadinessProbePort, options.Engine.ToString().ToLowerInvariant(), options.Policies);
        foreach (var flag in parsed.UsedUnsupported)
        {
            LogUnsupportedFlag(app.Logger(), flag.Name, flag.NotYetSupported!);
        }

        app.UseRouting();
        app.UseListenerRouting();
        app.MapAdmissionEndpoints();
        app.MapReadinessEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics").OnListener(Listener.Readiness);
        return app;
    }

    private static TlsCertificateReloader? CreateTls(PolicyServerOptions options)
    {
        if (!options.TlsEnabled)
        {
            return null;
        }

        try
        {
            return new TlsCertificateReloader(options.CertFile!, options.KeyFile!, options.ClientCaFiles.Count > 0 ? options.ClientCaFiles : null);
        }
        catch (TlsConfigurationException e)
        {
            throw new PolicyServerStartupException(e.Message, e);
        }
    }

    private static int WriteDocs(CommandLineResult parsed)
    {
        var markdown = CommandLineHelp.Render(PolicyServerFlags.All);
        var output = parsed.SubcommandArgs.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        if (output is null)
        {
            Console.Out.Write(markdown);
        }
        else
        {
            File.WriteAllText(output, markdown);
        }

        return 0;
    }

    private static ILogger Logger(this WebApplication app) => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kubewarden.PolicyServer");

    [LoggerMessage(EventId = PolicyServerEventIds.Starting, EventName = nameof(PolicyServerEventIds.Starting), Level = LogLevel.Information,
        Message = "policy-server starting: API port {Port}, readiness port {ReadinessPort}, engine {Engine}, policies {PoliciesFile}")]
    private static partial void LogStarting(ILogger logger, int port, int readinessPort, string engine, string policiesFile);

    [LoggerMessage(EventId = PolicyServerEventIds.UnsupportedFlag, EventName = nameof(PolicyServerEventIds.UnsupportedFlag), Level = LogLevel.Warning,
        Message = "--{Flag} is accepted but not supported yet: {Reason}")]
    private static partial void LogUnsupportedFlag(ILogger logger, string flag, string reason);
}

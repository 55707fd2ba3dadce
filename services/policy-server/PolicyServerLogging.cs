using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer;

/// <summary>Console logs as <c>--log-fmt</c> and <c>--log-level</c> ask; structured (JSON) in containers.</summary>
internal static class PolicyServerLogging
{
    public static ILoggingBuilder AddPolicyServerLogging(this ILoggingBuilder logging, PolicyServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        // Wasmtime and Kestrel internals are as noisy as the crates Kubewarden silences.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (options.LogFormat == PolicyServerLogFormat.Text)
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.ColorBehavior = options.LogNoColor ? Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled : Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Default;
            });
        }
        else
        {
            logging.AddJsonConsole(json => json.IncludeScopes = true);
        }

        return logging;
    }
}

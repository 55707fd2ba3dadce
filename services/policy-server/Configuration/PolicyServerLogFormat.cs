namespace Kubewarden.PolicyServer.Configuration;

/// <summary>The <c>--log-fmt</c> values.</summary>
public enum PolicyServerLogFormat
{
    /// <summary>Human-readable text (<c>text</c>).</summary>
    Text,

    /// <summary>One JSON object per line (<c>json</c>).</summary>
    Json,

    /// <summary>Logs and traces exported over OTLP (<c>otlp</c>).</summary>
    Otlp,
}

using System.Text;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using YamlDotNet.RepresentationModel;

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// A kwctl host-capability replay session (<c>--replay-host-capabilities-interactions</c>): the recorded exchanges
/// answer the policy's host calls in order; a call that does not match the next exchange fails.
/// </summary>
internal sealed class ReplaySession
{
    private static readonly Dictionary<string, (string Namespace, string Operation, string Field)> RequestKinds = new(StringComparer.Ordinal)
    {
        ["!OciManifestDigest"] = ("oci", "v1/manifest_digest", "image"),
        ["!OciManifest"] = ("oci", "v1/oci_manifest", "image"),
        ["!OciManifestAndConfig"] = ("oci", "v1/oci_manifest_config", "image"),
        ["!DNSLookupHost"] = ("net", "v1/dns_lookup_host", "host"),
    };

    private readonly Queue<Exchange> _exchanges;

    public ReplaySession(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        _exchanges = new Queue<Exchange>(((YamlSequenceNode)stream.Documents[0].RootNode).Children.Select(Parse));
    }

    public List<RecordedHostCall> Calls { get; } = [];

    /// <summary>One handler per capability the session knows, all answering from this session.</summary>
    public IEnumerable<IHostCapabilityHandler> Handlers =>
        RequestKinds.Values.Select(k => new ReplayedCapability(this, k.Namespace, k.Operation));

    private HostCallResult Answer(string @namespace, string operation, ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        Calls.Add(new RecordedHostCall(HostCapabilityDispatcher.Binding, @namespace, operation, text));
        if (!_exchanges.TryDequeue(out var next))
        {
            return HostCallResult.Failure($"replay session: no recorded exchange left for {@namespace}/{operation} {text}");
        }

        if (next.Namespace != @namespace || next.Operation != operation || next.Payload != text)
        {
            return HostCallResult.Failure(
                $"replay session: expected {next.Namespace}/{next.Operation} {next.Payload}, the policy asked {@namespace}/{operation} {text}");
        }

        return next.Error is { } error ? HostCallResult.Failure(error) : HostCallResult.Success(Encoding.UTF8.GetBytes(next.Answer!));
    }

    private static Exchange Parse(YamlNode node)
    {
        var mapping = (YamlMappingNode)node;
        var requestText = ((YamlScalarNode)mapping["request"]).Value!;
        var request = new YamlStream();
        request.Load(new StringReader(requestText));
        var requestNode = (YamlMappingNode)request.Documents[0].RootNode;
        var (ns, operation, field) = RequestKinds[requestNode.Tag.Value];
        var payload = JsonSerializer.Serialize(((YamlScalarNode)requestNode[field]).Value);
        var response = (YamlMappingNode)mapping["response"];
        return ((YamlScalarNode)response["type"]).Value == "Success"
            ? new Exchange(ns, operation, payload, ((YamlScalarNode)response["payload"]).Value, null)
            : new Exchange(ns, operation, payload, null, ((YamlScalarNode)response["message"]).Value);
    }

    private sealed record Exchange(string Namespace, string Operation, string Payload, string? Answer, string? Error);

    private sealed class ReplayedCapability(ReplaySession session, string @namespace, string operation) : IHostCapabilityHandler
    {
        public string Namespace => @namespace;

        public string Operation => operation;

        public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload) => session.Answer(@namespace, operation, payload);
    }
}

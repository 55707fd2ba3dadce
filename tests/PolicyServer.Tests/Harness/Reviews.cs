using System.Text.Json.Nodes;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>AdmissionReview request bodies.</summary>
internal static class Reviews
{
    public const string PodObject = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx"},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}""";

    /// <summary>A CREATE of Pod <c>nginx</c> in <paramref name="ns"/> (none = cluster-scoped).</summary>
    public static string Pod(string uid, string? ns = "default", string obj = PodObject)
    {
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["requestKind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            ["name"] = "nginx",
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject { ["username"] = "alice", ["groups"] = new JsonArray("system:authenticated") },
            ["object"] = JsonNode.Parse(obj),
        };
        if (ns is not null)
        {
            request["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }

    /// <summary>A raw request: <c>{"request": ...}</c>.</summary>
    public static string Raw(string uid, string? ns = null) =>
        ns is null ? $$$"""{"request":{"uid":"{{{uid}}}","user":"alice"}}""" : $$$"""{"request":{"uid":"{{{uid}}}","user":"alice","namespace":"{{{ns}}}"}}""";

    public static string Accepted(string uid) => $$"""{"uid":"{{uid}}","allowed":true,"auditAnnotations":null,"warnings":null}""";
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>HTTP status codes and error bodies (spec §4.5) on the shared server.</summary>
public sealed class StatusCodeTests(SharedServerFixture fixture)
{
    private PolicyServerInstance Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/validate/x")]
    [InlineData("/audit/x")]
    [InlineData("/validate_raw/x")]
    public async Task UnknownPolicy_Answers404WithJson(string path)
    {
        var body = path.StartsWith("/validate_raw", StringComparison.Ordinal) ? Reviews.Raw("uid") : Reviews.Pod("uid");

        var (status, text, contentType) = await Server.SendAsync(path, body, Ct);

        Assert.Equal(404, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("""{"message":"unknown policy: x","status":404}""", text);
    }

    [Fact]
    public async Task MalformedJson_OnValidate_Answers400WithJson()
    {
        var (status, text, contentType) = await Server.SendAsync("/validate/accept", "{\"request\": {", Ct);

        Assert.Equal(400, status);
        AssertJsonError(text, contentType, 400);
    }

    [Theory]
    [InlineData("/audit/accept")]
    [InlineData("/validate_raw/accept")]
    public async Task MalformedJson_OnAuditAndRaw_Answers400WithPlainText(string path)
    {
        var (status, text, contentType) = await Server.SendAsync(path, "{\"request\": {", Ct);

        Assert.Equal(400, status);
        AssertPlainError(text, contentType);
    }

    [Fact]
    public async Task WrongShape_OnValidate_Answers422WithJson()
    {
        var (status, text, contentType) = await Server.SendAsync("/validate/accept", "{}", Ct);

        Assert.Equal(422, status);
        AssertJsonError(text, contentType, 422);
    }

    [Theory]
    [InlineData("/audit/accept")]
    [InlineData("/validate_raw/accept")]
    public async Task WrongShape_OnAuditAndRaw_Answers422WithPlainText(string path)
    {
        var (status, text, contentType) = await Server.SendAsync(path, "{}", Ct);

        Assert.Equal(422, status);
        AssertPlainError(text, contentType);
    }

    [Fact]
    public async Task AdmissionRequestMissingRequiredMembers_Answers422()
    {
        // `resource`, `operation` and `userInfo` are required in an AdmissionRequest (spec §4.3).
        var (status, _, _) = await Server.SendAsync("/validate/accept", """{"request":{"uid":"u","kind":{"group":"","version":"v1","kind":"Pod"}}}""", Ct);

        Assert.Equal(422, status);
    }

    [Theory]
    [InlineData("/validate/accept", "text/plain", true)]
    [InlineData("/validate/accept", null, true)]
    [InlineData("/audit/accept", "text/plain", false)]
    [InlineData("/validate_raw/accept", "application/xml", false)]
    public async Task WrongContentType_Answers415(string path, string? mediaType, bool jsonError)
    {
        var body = path.StartsWith("/validate_raw", StringComparison.Ordinal) ? Reviews.Raw("uid") : Reviews.Pod("uid");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = mediaType is null ? null : new MediaTypeHeaderValue(mediaType);

        using var response = await Server.Api.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(415, (int)response.StatusCode);
        if (jsonError)
        {
            AssertJsonError(text, response.Content.Headers.ContentType?.MediaType, 415);
        }
        else
        {
            AssertPlainError(text, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task StructuredJsonContentType_IsAccepted()
    {
        using var content = new StringContent(Reviews.Pod("uid-plus"), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");

        using var response = await Server.Api.PostAsync(new Uri("/validate/accept", UriKind.Relative), content, Ct);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/validate/accept", true)]
    [InlineData("/audit/accept", false)]
    [InlineData("/validate_raw/accept", false)]
    public async Task BodyOverTheLimit_Answers413(string path, bool jsonError)
    {
        // A valid review padded beyond --max-request-body-bytes with an extra annotation.
        var padding = new string('x', SharedServerFixture.MaxBodyBytes);
        var obj = PaddedPod(padding);
        var body = path.StartsWith("/validate_raw", StringComparison.Ordinal) ? $$"""{"request":{{obj}}}""" : Reviews.Pod("uid-big", obj: obj);

        var (status, text, contentType) = await Server.SendAsync(path, body, Ct);

        Assert.Equal(413, status);
        if (jsonError)
        {
            AssertJsonError(text, contentType, 413);
        }
        else
        {
            AssertPlainError(text, contentType);
        }
    }

    [Fact]
    public async Task BodyJustUnderTheLimit_IsServed()
    {
        var skeleton = Reviews.Pod("uid-fit", obj: """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","annotations":{"pad":""}}}""");
        var padding = new string('x', SharedServerFixture.MaxBodyBytes - Encoding.UTF8.GetByteCount(skeleton));
        var body = Reviews.Pod("uid-fit", obj: PaddedPod(padding));
        Assert.Equal(SharedServerFixture.MaxBodyBytes, Encoding.UTF8.GetByteCount(body));

        var (status, _, _) = await Server.SendAsync("/validate/accept", body, Ct);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task TrappingPolicy_Answers200_Rejected_WithCode500()
    {
        var (status, text, _) = await Server.SendAsync("/validate/trap", Reviews.Pod("uid-trap"), Ct);

        Assert.Equal(200, status);
        var response = JsonNode.Parse(text)!["response"]!;
        Assert.Equal("uid-trap", (string?)response["uid"]);
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(500, (int)response["status"]!["code"]!);
        Assert.Contains("unreachable", (string?)response["status"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndlessPolicy_TimesOut_Answers200_Rejected_WithCode500()
    {
        var (status, text, _) = await Server.SendAsync("/validate/endless", Reviews.Pod("uid-loop"), Ct);

        Assert.Equal(200, status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-loop","allowed":false,"status":{"message":"Policy execution interrupted because it exceeded the allowed execution time","code":500},"auditAnnotations":null,"warnings":null}}""",
            text);
    }

    private static string PaddedPod(string padding) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"nginx\",\"annotations\":{\"pad\":\"" + padding + "\"}}}";

    private static void AssertJsonError(string text, string? contentType, int status)
    {
        Assert.Equal("application/json", contentType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(["message", "status"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("message").GetString()));
        Assert.Equal(status, document.RootElement.GetProperty("status").GetInt32());
    }

    private static void AssertPlainError(string text, string? contentType)
    {
        Assert.Equal("text/plain", contentType);
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.False(text.TrimStart().StartsWith('{'), $"expected a plain-text body, got {text}");
    }
}

using System.Buffers;
using System.Net;
using System.Text;
using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Tests.Targets;

public sealed class BaselineServerTests : IAsyncLifetime
{
    private readonly string _caFile = Path.Combine(Path.GetTempPath(), $"kw-load-test-ca-{Guid.NewGuid():N}.pem");
    private BaselineServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await BaselineServer.StartAsync(0, _caFile, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_caFile);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Answers_CannedReview_WithTheRequestUid_OverHttps(int major)
    {
        using var client = new HttpClient(TargetTls.CreateHandler(_caFile));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url, "validate/any-policy"))
        {
            Version = new Version(major, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(File.ReadAllText(Examples.Request("privileged-pod")), Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(major, response.Version.Major);
        Assert.Equal(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"a1b2c3d4-0000-4000-8000-000000000001","allowed":true}}""",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsNotTrusted_WithoutTheWrittenCa()
    {
        using var client = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri(_server.Url, "validate/x"), new StringContent("{}"), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("""{"request":{"uid" : "u-1","userInfo":{"uid":"other"}}}""", "u-1")]
    [InlineData("""{"request":{"name":"uid","uid":"u-2"}}""", "u-2")]
    [InlineData("""{"request":{"uid":"with \"quote\""}}""", "with \\\"quote\\\"")]
    [InlineData("""{"request":{}}""", null)]
    public void FindUid_ReadsTheFirstUidProperty(string body, string? uid)
    {
        var found = BaselineServer.FindUid(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(uid, found is null ? null : Encoding.UTF8.GetString(found));
    }
}

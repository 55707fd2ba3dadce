using System.Net;
using System.Net.Sockets;
using Kubewarden.LoadTests.Load;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kubewarden.LoadTests.Tests;

public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData(500, FakePolicyServer.Allowed, "http-500")]
    [InlineData(404, "not found", "http-404")]
    [InlineData(200, "{}", ErrorKinds.RejectedBody)]
    [InlineData(200, "<html>proxy login</html>", ErrorKinds.RejectedBody)]
    public async Task Answers_that_are_not_admission_reviews_are_errors_of_their_kind(int status, string body, string kind)
    {
        await using var server = await FakePolicyServer.StartAsync(FakePolicyServer.Answer(status, body));

        var result = await LoadHarness.RunAsync(server.BaseAddress, new ClosedLoop(2), seconds: 0.3);

        Assert.Equal(0, result.Successes);
        Assert.Equal([kind], result.Errors.Keys);
        Assert.Equal(result.Requests, result.Errors[kind]);
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_are_timeouts()
    {
        await using var server = await FakePolicyServer.StartAsync(
            FakePolicyServer.Answer(200, FakePolicyServer.Allowed, TimeSpan.FromSeconds(5)));

        var result = await LoadHarness.RunAsync(server.BaseAddress, new ClosedLoop(1), seconds: 0.5, timeoutSeconds: 0.2);

        Assert.Equal(0, result.Successes);
        Assert.Equal([ErrorKinds.Timeout], result.Errors.Keys);
        Assert.InRange(result.Errors[ErrorKinds.Timeout], 2, 4);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await LoadHarness.RunAsync(new Uri($"http://127.0.0.1:{port}"), new ClosedLoop(1), seconds: 0.3);

        Assert.Equal(0, result.Successes);
        Assert.Equal([ErrorKinds.Connection], result.Errors.Keys);
    }

    [Fact]
    public async Task Http2_requests_reach_an_http2_only_server()
    {
        var protocols = new HashSet<string>();
        await using var server = await FakePolicyServer.StartAsync(
            context =>
            {
                lock (protocols)
                {
                    protocols.Add(context.Request.Protocol);
                }

                return FakePolicyServer.Answer(200, FakePolicyServer.Allowed)(context);
            },
            HttpProtocols.Http2);

        var result = await LoadHarness.RunAsync(server.BaseAddress, new ClosedLoop(4), seconds: 0.3, http2: true);

        Assert.Empty(result.Errors);
        Assert.True(result.Successes > 0);
        Assert.Equal(["HTTP/2"], protocols);
    }
}

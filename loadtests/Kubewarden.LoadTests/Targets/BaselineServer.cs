using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubewarden.LoadTests.Targets;

/// <summary>
/// The machine's HTTP ceiling: bare Kestrel over HTTPS (HTTP/1.1 and HTTP/2 on one listener) that reads each body, as a
/// webhook must, and answers every path with a canned allowing AdmissionReview, doing no other work.
/// </summary>
internal sealed class BaselineServer : IAsyncDisposable
{
    private static readonly byte[] UidProperty = "\"uid\""u8.ToArray();
    private static readonly byte[] ResponseHead = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\""u8.ToArray();
    private static readonly byte[] ResponseTail = "\",\"allowed\":true}}"u8.ToArray();
    private static readonly byte[] JsonWhitespace = " \t\r\n"u8.ToArray();
    private static readonly byte[] FixedUid = "kw-load-baseline"u8.ToArray();

    private readonly WebApplication _app;
    private readonly LoopbackPki _pki;

    private BaselineServer(WebApplication app, LoopbackPki pki, Uri url)
    {
        _app = app;
        _pki = pki;
        Url = url;
    }

    /// <summary>The HTTPS base address, e.g. <c>https://127.0.0.1:43121/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/> (0: any free port) and writes the CA that signed its certificate to <paramref name="caFile"/>.</summary>
    public static async Task<BaselineServer> StartAsync(int port, string caFile, CancellationToken cancellationToken)
    {
        var pki = new LoopbackPki();
        pki.WriteCaPem(caFile);
        var certificate = pki.NewServerCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BaselineServer(app, pki, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pki.Dispose();
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        var read = await body.ReadAsync(context.RequestAborted);
        while (!read.IsCompleted)
        {
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await body.ReadAsync(context.RequestAborted);
        }

        var uid = FindUid(read.Buffer) ?? FixedUid;
        body.AdvanceTo(read.Buffer.End);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = ResponseHead.Length + uid.Length + ResponseTail.Length;
        var output = context.Response.BodyWriter;
        output.Write(ResponseHead);
        output.Write(uid);
        output.Write(ResponseTail);
        await output.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// The raw (still JSON-escaped) value of the first <c>"uid"</c> string property, which in an AdmissionReview from the
    /// API server is <c>request.uid</c>; a byte scan, not a parse, so the ceiling stays a ceiling.
    /// </summary>
    internal static byte[]? FindUid(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        while (reader.TryAdvanceTo((byte)'"', advancePastDelimiter: false))
        {
            if (!reader.IsNext(UidProperty, advancePast: true))
            {
                reader.Advance(1);
                continue;
            }

            reader.AdvancePastAny(JsonWhitespace);
            if (!reader.IsNext((byte)':', advancePast: true))
            {
                continue;
            }

            reader.AdvancePastAny(JsonWhitespace);
            if (reader.IsNext((byte)'"', advancePast: true) && reader.TryReadTo(out ReadOnlySequence<byte> value, (byte)'"', (byte)'\\'))
            {
                return value.ToArray();
            }
        }

        return null;
    }
}

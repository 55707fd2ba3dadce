using System.Net.Http.Headers;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Load;

/// <summary>Sends one request of a scenario's mix and classifies the answer: null on success, else an error kind.</summary>
internal sealed class RequestSender(HttpClient client, Scenario scenario, Version httpVersion, TimeSpan timeout)
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly byte[] s_responseField = "\"response\""u8.ToArray();

    private long _sequence;

    public async Task<string?> SendAsync()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var body = scenario.Requests.Pick(Random.Shared).Render(sequence, Random.Shared);
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.Endpoint)
        {
            Version = httpVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = s_json } },
        };
        foreach (var (name, value) in scenario.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return ErrorKinds.Http((int)response.StatusCode);
            }

            // A cheap check that this is an AdmissionReview answer rather than some other 200 (a proxy page, {}).
            return answer.AsSpan().IndexOf(s_responseField) >= 0 ? null : ErrorKinds.RejectedBody;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return ErrorKinds.Timeout;
        }
        catch (HttpRequestException)
        {
            return ErrorKinds.Connection;
        }
        catch (IOException)
        {
            return ErrorKinds.Connection;
        }
    }
}

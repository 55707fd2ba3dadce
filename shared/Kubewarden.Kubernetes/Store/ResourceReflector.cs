using System.Net;
using System.Text;
using System.Text.Json;
using Kubewarden.Kubernetes.Api;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Store;

/// <summary>
/// The watch-backed cache of one kind (optionally narrowed by a server-side field selector): lists in pages, then
/// watches from the list's resourceVersion with bookmarks, relisting when the server says the version is gone (410).
/// Readers see a consistent sorted snapshot and a version number that changes with every change, so answers built
/// from it can be kept until the next change.
/// </summary>
public sealed partial class ResourceReflector : IDisposable
{
    private const int PageSize = 500;
    private static readonly TimeSpan MinimumBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(30);

    private readonly KubernetesApi _api;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private Dictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private StoredObject[] _snapshot = [];
    private long _snapshotVersion = -1;
    private long _version;
    private string? _resourceVersion;
    private volatile bool _synced;
    private volatile Exception? _lastError;

    /// <summary>Starts listing and watching <paramref name="resource"/>.</summary>
    public ResourceReflector(KubernetesApi api, ApiResource resource, string? fieldSelector, ILogger logger)
    {
        _api = api;
        Resource = resource;
        FieldSelector = fieldSelector;
        _logger = logger;
        Answers = new ListAnswers(this);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The kind cached.</summary>
    public ApiResource Resource { get; }

    /// <summary>The field selector the API server applies, or null for every object of the kind.</summary>
    public string? FieldSelector { get; }

    /// <summary>Changes with every change to the cached objects.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Answers built from this cache, kept until it changes.</summary>
    public ListAnswers Answers { get; }

    /// <summary>The cached objects in namespace/name order.</summary>
    public StoredObject[] Objects()
    {
        lock (_gate)
        {
            if (_snapshotVersion != _version)
            {
                var objects = _objects.Values.ToArray();
                Array.Sort(objects, StoredObject.Compare);
                _snapshot = objects;
                _snapshotVersion = _version;
            }

            return _snapshot;
        }
    }

    /// <summary>Waits for the first complete list; fails with the list error if it could not be loaded.</summary>
    /// <exception cref="KubernetesApiException">The objects could not be listed (yet).</exception>
    public async Task EnsureSyncedAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_synced)
        {
            return;
        }

        try
        {
            await _firstAttempt.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new KubernetesApiException($"the list of {Describe()} is still loading after {wait.TotalSeconds:0} s");
        }

        if (!_synced)
        {
            throw new KubernetesApiException($"cannot list {Describe()}: {_lastError?.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private string Describe() => FieldSelector is null
        ? $"{Resource.ApiVersion}/{Resource.Kind}"
        : $"{Resource.ApiVersion}/{Resource.Kind} (field selector {FieldSelector})";

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = MinimumBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                }

                await WatchAsync(cancellationToken).ConfigureAwait(false);
                backoff = MinimumBackoff;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesApiException e) when (e.Status == HttpStatusCode.Gone)
            {
                LogRelisting(_logger, Describe());
                _resourceVersion = null;
            }
            catch (KubernetesApiException e) when (e.Status == HttpStatusCode.BadRequest && !_synced)
            {
                // The server rejects the list itself (a field selector it does not support): retrying cannot help, and
                // every call with this selector keeps answering the rejection.
                _lastError = e;
                _firstAttempt.TrySetResult();
                LogListRejected(_logger, Describe(), e.Message);
                return;
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or JsonException)
            {
                _lastError = e;
                _firstAttempt.TrySetResult();
                LogListWatchFailed(_logger, Describe(), e.Message, backoff.TotalSeconds);
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaximumBackoff.Ticks));
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var path = new StringBuilder(Resource.CollectionPath).Append("?limit=").Append(PageSize);
            if (continueToken is not null)
            {
                path.Append("&continue=").Append(KubernetesApi.Query(continueToken));
            }

            AppendFieldSelector(path);
            var page = await _api.GetAsync(path.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new KubernetesApiException($"the API server does not serve {Describe()} (404)", HttpStatusCode.NotFound);
            using var document = JsonDocument.Parse(page);
            var metadata = document.RootElement.GetProperty("metadata");
            resourceVersion = metadata.GetProperty("resourceVersion").GetString();
            continueToken = metadata.TryGetProperty("continue", out var next) ? next.GetString() : null;
            if (document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    var stored = StoredObject.From(item, Resource.ApiVersion, Resource.Kind);
                    objects[stored.Key] = stored;
                }
            }
        }
        while (!string.IsNullOrEmpty(continueToken));

        lock (_gate)
        {
            _objects = objects;
            _resourceVersion = resourceVersion;
            _version++;
        }

        _synced = true;
        _lastError = null;
        _firstAttempt.TrySetResult();
        LogListed(_logger, Describe(), objects.Count, resourceVersion);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var path = new StringBuilder(Resource.CollectionPath)
            .Append("?watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=")
            .Append(KubernetesApi.Query(_resourceVersion!));
        AppendFieldSelector(path);
        using var response = await _api.OpenStreamAsync(path.ToString(), cancellationToken).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                Apply(line);
            }
        }
    }

    private void Apply(string line)
    {
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var item = document.RootElement.GetProperty("object");
        switch (type)
        {
            case "ADDED" or "MODIFIED":
                var stored = StoredObject.From(item, Resource.ApiVersion, Resource.Kind);
                lock (_gate)
                {
                    _objects[stored.Key] = stored;
                    _resourceVersion = ResourceVersionOf(item) ?? _resourceVersion;
                    _version++;
                }

                break;
            case "DELETED":
                var metadata = item.GetProperty("metadata");
                var key = StoredObject.StoreKey(
                    metadata.TryGetProperty("namespace", out var ns) ? ns.GetString() ?? string.Empty : string.Empty,
                    metadata.GetProperty("name").GetString() ?? string.Empty);
                lock (_gate)
                {
                    _objects.Remove(key);
                    _resourceVersion = ResourceVersionOf(item) ?? _resourceVersion;
                    _version++;
                }

                break;
            case "BOOKMARK":
                _resourceVersion = ResourceVersionOf(item) ?? _resourceVersion;
                break;
            case "ERROR":
                var code = item.TryGetProperty("code", out var status) && status.TryGetInt32(out var value) ? value : 0;
                var message = item.TryGetProperty("message", out var text) ? text.GetString() : line;
                throw new KubernetesApiException($"the watch of {Describe()} ended: {message}", (HttpStatusCode)code);
        }
    }

    private void AppendFieldSelector(StringBuilder path)
    {
        if (FieldSelector is not null)
        {
            path.Append("&fieldSelector=").Append(KubernetesApi.Query(FieldSelector));
        }
    }

    private static string? ResourceVersionOf(JsonElement item) =>
        item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) ? version.GetString() : null;

    [LoggerMessage(EventId = KubernetesEventIds.Listed, EventName = nameof(KubernetesEventIds.Listed), Level = LogLevel.Information,
        Message = "Cached {Resource}: {Count} objects at resourceVersion {ResourceVersion}; watching for changes")]
    private static partial void LogListed(ILogger logger, string resource, int count, string? resourceVersion);

    [LoggerMessage(EventId = KubernetesEventIds.Relisting, EventName = nameof(KubernetesEventIds.Relisting), Level = LogLevel.Information,
        Message = "The watch of {Resource} expired (410 Gone); listing again")]
    private static partial void LogRelisting(ILogger logger, string resource);

    [LoggerMessage(EventId = KubernetesEventIds.ListRejected, EventName = nameof(KubernetesEventIds.ListRejected), Level = LogLevel.Warning,
        Message = "The API server rejects the list of {Resource}: {Error}; not retried")]
    private static partial void LogListRejected(ILogger logger, string resource, string error);

    [LoggerMessage(EventId = KubernetesEventIds.ListWatchFailed, EventName = nameof(KubernetesEventIds.ListWatchFailed), Level = LogLevel.Warning,
        Message = "Cannot list or watch {Resource}: {Error}; retrying in {RetrySeconds} s (check the API server and the service account's RBAC)")]
    private static partial void LogListWatchFailed(ILogger logger, string resource, string error, double retrySeconds);
}

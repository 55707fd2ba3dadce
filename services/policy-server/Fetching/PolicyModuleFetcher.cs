using System.Diagnostics;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Oci;
using Kubewarden.Policies;

namespace Kubewarden.PolicyServer.Fetching;

/// <summary>
/// Fetches policy modules of every scheme (spec §9.1): <c>file://</c> in place; <c>registry://</c> and scheme-less
/// references from their registry; <c>https://</c> (and <c>http://</c> for insecure sources) by download. Fetched
/// modules go to the <see cref="ModuleStore"/> and are reused from it on later fetches and restarts, except registry
/// references to the tag <c>latest</c>, which are always resolved again. Failures that may pass (unreachable host,
/// timeout, 5xx) are marked transient so that the policy-server retries them.
/// </summary>
internal sealed partial class PolicyModuleFetcher(
    FileModuleFetcher files,
    ModuleStore store,
    RegistryPuller registry,
    HttpModuleDownloader http,
    ILogger<PolicyModuleFetcher> logger) : IPolicyModuleFetcher
{
    private const string LatestTag = "latest";

    /// <inheritdoc />
    public async Task<ReadOnlyMemory<byte>> FetchAsync(string module, CancellationToken cancellationToken)
    {
        if (!ModuleSource.TryParse(module, out var source, out var error))
        {
            throw new PolicyFetchException(error);
        }

        return source.Kind switch
        {
            ModuleSourceKind.File => await files.FetchAsync(module, cancellationToken).ConfigureAwait(false),
            ModuleSourceKind.Registry => await FetchRegistryAsync(source, cancellationToken).ConfigureAwait(false),
            _ => await FetchOnceAsync(source.Url, path => http.DownloadAsync(new Uri(source.Url), path, cancellationToken), cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<ReadOnlyMemory<byte>> FetchRegistryAsync(ModuleSource source, CancellationToken cancellationToken)
    {
        OciReference reference;
        try
        {
            reference = OciReference.Parse(source.Url);
        }
        catch (OciReferenceFormatException e)
        {
            throw new PolicyFetchException(e.Message, e);
        }

        var key = OciReference.RegistryScheme + reference;
        if (reference.Tag == LatestTag && reference.Digest is null)
        {
            LogLatestResolvedAgain(logger, key);
            return await PullAsync(key, path => registry.PullAsync(reference, path, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return await FetchOnceAsync(key, path => registry.PullAsync(reference, path, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves <paramref name="key"/> from the store when it was fetched before, else pulls it.</summary>
    private async Task<ReadOnlyMemory<byte>> FetchOnceAsync(string key, Func<string, Task> download, CancellationToken cancellationToken)
    {
        if (await store.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            LogReused(logger, key, stored.Digest);
            return stored.Bytes;
        }

        return await PullAsync(key, download, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>> PullAsync(string key, Func<string, Task> download, CancellationToken cancellationToken)
    {
        LogFetching(logger, key);
        var started = Stopwatch.GetTimestamp();
        var path = store.NewIncomingPath();
        try
        {
            await download(path).ConfigureAwait(false);
            var stored = await store.AddAsync(key, path, cancellationToken).ConfigureAwait(false);
            LogFetched(logger, key, stored.Digest, stored.Bytes.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return stored.Bytes;
        }
        catch (OciRegistryException e)
        {
            throw new PolicyFetchException(e.Message, e) { IsTransient = e.IsTransient };
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PolicyFetchException($"fetching {key} timed out after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s; check that the source is reachable and responsive", e)
            {
                IsTransient = true,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFetchException($"cannot store the module of {key} under {Path.GetDirectoryName(Path.GetDirectoryName(path))}: {e.Message}; check --policies-download-dir", e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [LoggerMessage(EventId = PolicyServerEventIds.ModuleFetching, EventName = nameof(PolicyServerEventIds.ModuleFetching), Level = LogLevel.Information,
        Message = "Fetching policy module {Module}")]
    private static partial void LogFetching(ILogger logger, string module);

    [LoggerMessage(EventId = PolicyServerEventIds.ModuleFetched, EventName = nameof(PolicyServerEventIds.ModuleFetched), Level = LogLevel.Information,
        Message = "Fetched policy module {Module} as {Digest} ({Bytes} bytes) in {ElapsedMilliseconds:F1} ms")]
    private static partial void LogFetched(ILogger logger, string module, string digest, int bytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = PolicyServerEventIds.ModuleReused, EventName = nameof(PolicyServerEventIds.ModuleReused), Level = LogLevel.Information,
        Message = "Using policy module {Module} from the local store ({Digest}); not fetched again")]
    private static partial void LogReused(ILogger logger, string module, string digest);

    [LoggerMessage(EventId = PolicyServerEventIds.LatestResolvedAgain, EventName = nameof(PolicyServerEventIds.LatestResolvedAgain), Level = LogLevel.Debug,
        Message = "Policy module {Module} names the tag latest; resolving it again instead of using the local store")]
    private static partial void LogLatestResolvedAgain(ILogger logger, string module);
}

using Kubewarden.Evaluation;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.PolicyServer.Configuration;
using Microsoft.Extensions.Options;

namespace Kubewarden.PolicyServer.PolicySet;

/// <summary>
/// Loads the policies file at start (a file that does not parse is fatal, as in Kubewarden) and again whenever it
/// changes: a new set is built beside the one in service and swapped in whole; a changed file that does not parse
/// keeps the previous set serving and is reported on <c>/policies</c>.
/// </summary>
internal sealed partial class PolicySetLoader(
    IOptions<PolicyServerOptions> options,
    PolicyEnvironmentBuilder builder,
    PolicyLoader loader,
    PolicySetState state,
    ContextAwareSupport contextAware,
    ILogger<PolicySetLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    /// <summary>How often replaced sets are checked for their last requests to finish, so their modules can be freed.</summary>
    private static readonly TimeSpan DrainCheck = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly List<PolicyEnvironment> _retired = [];
    private readonly FetchRetrySchedule _retries = new(TimeProvider.System);
    private PoliciesFile? _loaded;
    private string? _loadedVersion;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The initial load runs before the server accepts requests; a file that cannot be read or parsed stops the start.
        var file = ReadFile();
        if (!file.Result.Success)
        {
            throw new InvalidOperationException($"the policies file {options.Value.Policies} is invalid:{Environment.NewLine}{file.Result.FormatErrors()}");
        }

        // As Kubewarden: context-aware policies without a Kubernetes client stop the start (later reloads only fail them).
        if (!contextAware.Available && ContextAwareSupport.AnyContextAware(file.Result.Document!))
        {
            throw new PolicyServerStartupException(
                $"{ContextAwareSupport.Unavailable}: no Kubernetes client could be configured (mount a service account or set KUBECONFIG), " +
                "or start with --ignore-kubernetes-connection-failure to serve them with failing Kubernetes host calls");
        }

        await ApplyAsync(file, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Path.GetFullPath(options.Value.Policies);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
        {
            // A ConfigMap mount swaps a `..data` symlink: watch the whole directory, not only the file name.
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Renamed += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.EnableRaisingEvents = true;
        // A change between the initial read and the watcher start would otherwise go unnoticed.
        Signal();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = _retries.TimeUntilDue() is { } retry && retry < DrainCheck ? retry : DrainCheck;
                if (await _changed.WaitAsync(wait, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Debounce, stoppingToken).ConfigureAwait(false);
                    await ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
                else if (_retries.TimeUntilDue() == TimeSpan.Zero)
                {
                    await RetryFetchesAsync(stoppingToken).ConfigureAwait(false);
                }

                FreeDrainedSets();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reload is already pending; it will read the latest file.
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        PoliciesFile file;
        try
        {
            file = ReadFile();
        }
        catch (IOException e)
        {
            // Mid-swap the file may be briefly absent; the next event reloads it.
            LogReloadUnreadable(logger, options.Value.Policies, e.Message);
            return;
        }

        if (file.Version == _loadedVersion)
        {
            return;
        }

        // A file rewritten in place may be caught half-written: act only on content that stays the same for a moment.
        await Task.Delay(Debounce, cancellationToken).ConfigureAwait(false);
        if (ReadFile().Version != file.Version)
        {
            Signal();
            return;
        }

        if (!file.Result.Success)
        {
            var errors = file.Result.FormatErrors();
            state.RefuseReload(errors);
            LogReloadRefused(logger, options.Value.Policies, errors);
            return;
        }

        try
        {
            await ApplyAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A reload never takes the server down: the set in service keeps serving.
            state.RefuseReload(e.Message);
            LogReloadRefused(logger, options.Value.Policies, e.Message);
        }
    }

    private async Task ApplyAsync(PoliciesFile file, CancellationToken cancellationToken)
    {
        var environment = await builder.BuildAsync(file.Result.Document!, file.Version, state.Current, cancellationToken).ConfigureAwait(false);
        if (state.Publish(environment) is { } previous)
        {
            _retired.Add(previous);
        }

        _loaded = file;
        _loadedVersion = file.Version;
        LogServing(logger, file.Version);
        if (RetryableFailures(environment).Count > 0)
        {
            _retries.Start();
        }
        else
        {
            _retries.Stop();
        }
    }

    /// <summary>
    /// Builds the set again for the policies whose module fetch failed for a reason that may pass (the others are
    /// reused as they are) and serves it once one of them recovers; until then those policies keep answering their first
    /// error, and the attempts back off.
    /// </summary>
    private async Task RetryFetchesAsync(CancellationToken cancellationToken)
    {
        if (_loaded is not { } file || state.Current is not { } current)
        {
            _retries.Stop();
            return;
        }

        var failing = RetryableFailures(current);
        var rebuilt = await builder.BuildAsync(file.Result.Document!, file.Version, current, cancellationToken).ConfigureAwait(false);
        var stillFailing = RetryableFailures(rebuilt);
        if (stillFailing.Count < failing.Count)
        {
            if (state.Publish(rebuilt) is { } previous)
            {
                _retired.Add(previous);
            }

            LogFetchesRecovered(logger, string.Join(", ", failing.Except(stillFailing)), file.Version);
        }

        if (stillFailing.Count == 0)
        {
            _retries.Stop();
            return;
        }

        _retries.Backoff();
        LogFetchesStillFailing(logger, string.Join(", ", stillFailing), _retries.Attempts, _retries.TimeUntilDue() ?? TimeSpan.Zero);
    }

    private static List<string> RetryableFailures(PolicyEnvironment environment) =>
        [.. environment.Entries.OfType<FailedEntry>().Where(e => e.Retryable).Select(e => e.Id).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Once every replaced set has finished its last request, frees the modules only they used. Runs on the loader's
    /// loop, between builds, so no load can be picking up a module meanwhile.
    /// </summary>
    private void FreeDrainedSets()
    {
        if (_retired.Count == 0 || !_retired.TrueForAll(set => set.IsDrained) || state.Current is not { } current)
        {
            return;
        }

        _retired.Clear();
        var freed = loader.RetainOnly(current.Evaluators);
        if (freed > 0)
        {
            LogModulesFreed(logger, freed, current.ConfigVersion);
        }
    }

    private PoliciesFile ReadFile() => PoliciesFile.Read(options.Value.Policies);

    [LoggerMessage(EventId = PolicyServerEventIds.FetchesRecovered, EventName = nameof(PolicyServerEventIds.FetchesRecovered), Level = LogLevel.Information,
        Message = "Policies {PolicyIds} fetched on retry and now serving (policy set {ConfigVersion})")]
    private static partial void LogFetchesRecovered(ILogger logger, string policyIds, string configVersion);

    [LoggerMessage(EventId = PolicyServerEventIds.FetchesStillFailing, EventName = nameof(PolicyServerEventIds.FetchesStillFailing), Level = LogLevel.Warning,
        Message = "Policies {PolicyIds} still cannot be fetched after {Attempts} retries; next attempt in {NextAttempt}. They answer their fetch error meanwhile")]
    private static partial void LogFetchesStillFailing(ILogger logger, string policyIds, int attempts, TimeSpan nextAttempt);

    [LoggerMessage(EventId = PolicyServerEventIds.ModulesFreed, EventName = nameof(PolicyServerEventIds.ModulesFreed), Level = LogLevel.Information,
        Message = "Freed {ModuleCount} modules no policy of set {ConfigVersion} uses any more")]
    private static partial void LogModulesFreed(ILogger logger, int moduleCount, string configVersion);

    [LoggerMessage(EventId = PolicyServerEventIds.PolicySetServing, EventName = nameof(PolicyServerEventIds.PolicySetServing), Level = LogLevel.Information,
        Message = "Serving policy set {ConfigVersion}")]
    private static partial void LogServing(ILogger logger, string configVersion);

    [LoggerMessage(EventId = PolicyServerEventIds.ReloadRefused, EventName = nameof(PolicyServerEventIds.ReloadRefused), Level = LogLevel.Error,
        Message = "The changed policies file {PoliciesFile} is invalid; the previous policy set keeps serving. Fix the file: {Errors}")]
    private static partial void LogReloadRefused(ILogger logger, string policiesFile, string errors);

    [LoggerMessage(EventId = PolicyServerEventIds.ReloadUnreadable, EventName = nameof(PolicyServerEventIds.ReloadUnreadable), Level = LogLevel.Warning,
        Message = "The policies file {PoliciesFile} cannot be read right now ({Reason}); waiting for the next change")]
    private static partial void LogReloadUnreadable(ILogger logger, string policiesFile, string reason);
}

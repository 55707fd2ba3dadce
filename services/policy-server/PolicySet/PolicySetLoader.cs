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
    ILogger<PolicySetLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    /// <summary>How often replaced sets are checked for their last requests to finish, so their modules can be freed.</summary>
    private static readonly TimeSpan DrainCheck = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly List<PolicyEnvironment> _retired = [];
    private string? _loadedVersion;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The initial load runs before the server accepts requests; a file that cannot be read or parsed stops the start.
        var file = ReadFile();
        if (!file.Result.Success)
        {
            throw new InvalidOperationException($"the policies file {options.Value.Policies} is invalid:{Environment.NewLine}{file.Result.FormatErrors()}");
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
                if (await _changed.WaitAsync(DrainCheck, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Debounce, stoppingToken).ConfigureAwait(false);
                    await ReloadAsync(stoppingToken).ConfigureAwait(false);
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

        _loadedVersion = file.Version;
        LogServing(logger, file.Version);
    }

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

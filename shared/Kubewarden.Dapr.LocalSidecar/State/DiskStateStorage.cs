namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// Keeps a store's values in a directory, one file per key (see <see cref="StateFile"/>), so they survive a restart.
/// Every file is written beside its target and renamed over it, so a reader or a crash sees the old or the new file,
/// never a part of one. Only the ETags are held in memory; values stream between the files and the gRPC messages.
/// </summary>
internal sealed class DiskStateStorage : IStateStorage
{
    public const string TemporaryExtension = ".tmp";

    private readonly string _directory;
    private readonly DiskTransactionJournal _journal;
    private readonly Dictionary<string, string> _etags;

    private DiskStateStorage(string directory, DiskTransactionJournal journal, Dictionary<string, string> etags)
    {
        _directory = directory;
        _journal = journal;
        _etags = etags;
    }

    public int Count => _etags.Count;

    /// <summary>
    /// Opens (creating if needed) a store directory: finishes transactions a crash interrupted, drops files a crash left
    /// half written, and reads every key's ETag.
    /// </summary>
    public static DiskStateStorage Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var journal = new DiskTransactionJournal(directory);
        journal.Recover();
        foreach (var leftover in Directory.EnumerateFiles(directory, "*" + TemporaryExtension))
        {
            File.Delete(leftover);
        }

        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*" + StateFile.Extension))
        {
            var (key, etag) = StateFile.ReadHeader(file);
            etags[key] = etag;
        }

        return new DiskStateStorage(directory, journal, etags);
    }

    public string? FindETag(string key) => _etags.GetValueOrDefault(key);

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) =>
        _etags.ContainsKey(key)
            ? await StateFile.ReadAsync(PathOf(key), cancellationToken).ConfigureAwait(false)
            : null;

    public async Task CommitAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken)
    {
        var steps = new List<FileStep>(changes.Count);
        try
        {
            foreach (var change in changes)
            {
                steps.Add(await StageAsync(change, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            DeleteStaged(steps);
            throw;
        }

        _journal.Run(steps);

        foreach (var change in changes)
        {
            if (change.IsDelete)
            {
                _etags.Remove(change.Key);
            }
            else
            {
                _etags[change.Key] = change.ETag!;
            }
        }
    }

    private async Task<FileStep> StageAsync(StateChange change, CancellationToken cancellationToken)
    {
        var target = StateFile.NameOf(change.Key);
        if (change.IsDelete)
        {
            return new FileStep(null, target);
        }

        var staged = Guid.NewGuid().ToString("N") + TemporaryExtension;
        try
        {
            await StateFile.WriteAsync(Path.Combine(_directory, staged), change.Key, new StoredState(change.Value!, change.ETag!), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(Path.Combine(_directory, staged));
            throw;
        }

        return new FileStep(staged, target);
    }

    private void DeleteStaged(IEnumerable<FileStep> steps)
    {
        foreach (var step in steps.Where(step => step.Source is not null))
        {
            File.Delete(Path.Combine(_directory, step.Source!));
        }
    }

    private string PathOf(string key) => Path.Combine(_directory, StateFile.NameOf(key));
}

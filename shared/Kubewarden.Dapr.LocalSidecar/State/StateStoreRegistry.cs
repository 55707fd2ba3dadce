using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>The state stores a sidecar serves, by name, each in memory or on disk as the options say.</summary>
internal sealed class StateStoreRegistry : IDisposable
{
    private readonly Dictionary<string, StateStore> _stores;

    private StateStoreRegistry(Dictionary<string, StateStore> stores) => _stores = stores;

    public static StateStoreRegistry Open(LocalDaprSidecarOptions options, ILogger<StateStoreRegistry> logger)
    {
        var stores = new Dictionary<string, StateStore>(StringComparer.Ordinal);
        foreach (var name in options.StateStores)
        {
            stores.Add(name, new StateStore(OpenStorage(name, options.StateDirectory, logger)));
        }

        return new StateStoreRegistry(stores);
    }

    /// <summary>The store of that name, or daprd's error for an unknown store.</summary>
    public StateStore Get(string name) =>
        _stores.TryGetValue(name, out var store) ? store
        : _stores.Count == 0 ? throw StateErrors.StoresNotConfigured(name)
        : throw StateErrors.StoreNotFound(name);

    public void Dispose()
    {
        foreach (var store in _stores.Values)
        {
            store.Dispose();
        }
    }

    private static IStateStorage OpenStorage(string name, string? stateDirectory, ILogger logger)
    {
        if (stateDirectory is null)
        {
            logger.ServingInMemory(name);
            return new InMemoryStateStorage();
        }

        var directory = Path.GetFullPath(Path.Combine(stateDirectory, DirectoryNameOf(name)));
        var storage = DiskStateStorage.Open(directory);
        logger.ServingOnDisk(name, directory, storage.Count);
        return storage;
    }

    private static string DirectoryNameOf(string store) =>
        store.Length == 0 || store is "." or ".." || store.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            ? throw new ArgumentException($"State store name '{store}' cannot name a directory.", nameof(store))
            : store;
}

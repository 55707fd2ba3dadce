using Kubewarden.Policies;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// Fetches <c>file://</c> modules, read in place. Other sources fail with a message saying so: the policy-server's
/// fetcher handles registries and HTTPS and hands <c>file://</c> modules to this one.
/// </summary>
public sealed class FileModuleFetcher : IPolicyModuleFetcher
{
    /// <inheritdoc />
    public async Task<ReadOnlyMemory<byte>> FetchAsync(string module, CancellationToken cancellationToken)
    {
        if (!ModuleSource.TryParse(module, out var source, out var error))
        {
            throw new PolicyFetchException(error!);
        }

        return source!.Kind switch
        {
            ModuleSourceKind.File => await ReadAsync(source.LocalPath!, cancellationToken).ConfigureAwait(false),
            _ => throw new PolicyFetchException($"{source.Kind.ToString().ToLowerInvariant()} sources are not supported here; only file:// modules are read"),
        };
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFetchException($"cannot read {path}: {e.Message}", e);
        }
    }
}

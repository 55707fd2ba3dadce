using Kubewarden.Policies;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// Fetches <c>file://</c> modules. Registry and HTTPS sources come with the OCI fetcher; until then they fail with a
/// message saying so.
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
            ModuleSourceKind.Registry => throw new PolicyFetchException("registry sources are not supported yet"),
            _ => throw new PolicyFetchException($"{source.Kind.ToString().ToLowerInvariant()} sources are not supported yet"),
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

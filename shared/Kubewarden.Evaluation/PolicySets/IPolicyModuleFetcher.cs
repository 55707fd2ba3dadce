namespace Kubewarden.Evaluation.PolicySets;

/// <summary>Gets the bytes of a policy module named by its <c>module</c> URL.</summary>
public interface IPolicyModuleFetcher
{
    /// <summary>The module bytes.</summary>
    /// <exception cref="PolicyFetchException">The module cannot be fetched; the message says why.</exception>
    Task<ReadOnlyMemory<byte>> FetchAsync(string module, CancellationToken cancellationToken);
}

namespace Kubewarden.PolicyServer.Api;

/// <summary>Bounds concurrent evaluations to <c>--workers</c>; requests beyond it wait their turn.</summary>
internal sealed class EvaluationGate(int workers) : IDisposable
{
    private readonly SemaphoreSlim _permits = new(workers, workers);

    public async ValueTask<Permit> EnterAsync(CancellationToken cancellationToken)
    {
        await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Permit(_permits);
    }

    public void Dispose() => _permits.Dispose();

    public readonly struct Permit(SemaphoreSlim permits) : IDisposable
    {
        public void Dispose() => permits.Release();
    }
}

namespace Kubewarden.Hosting.Dapr;

/// <summary>A running local Dapr sidecar (the development stand-in for daprd).</summary>
public interface ILocalDaprSidecar : IAsyncDisposable
{
    /// <summary>Its gRPC address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    Uri Endpoint { get; }

    /// <summary>What it serves, for the start-up log (state stores and where their data lives).</summary>
    string Description { get; }
}

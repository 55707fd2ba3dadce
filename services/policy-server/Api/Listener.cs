using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kubewarden.PolicyServer.Api;

/// <summary>
/// The two listeners: evaluation routes answer only on the API port, readiness/policies/metrics only on the readiness
/// port (a request on the other port gets 404, as in Kubewarden). Connections are tagged by Kestrel when accepted, so
/// this works with any port number, including the port 0 tests bind.
/// </summary>
internal enum Listener
{
    Api,
    Readiness,
}

internal static class ListenerRouting
{
    private const string ItemKey = "kubewarden.listener";

    /// <summary>Tags every connection accepted on this endpoint.</summary>
    public static ListenOptions Tag(this ListenOptions listen, Listener listener)
    {
        listen.Use(next => connection =>
        {
            connection.Items[ItemKey] = listener;
            return next(connection);
        });
        return listen;
    }

    /// <summary>Restricts the endpoints to one listener.</summary>
    public static TBuilder OnListener<TBuilder>(this TBuilder builder, Listener listener)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new ListenerMetadata(listener)));
        return builder;
    }

    /// <summary>Answers 404 when an endpoint is reached through the other listener.</summary>
    public static IApplicationBuilder UseListenerRouting(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<ListenerMetadata>();
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (required is not null && items is not null && items.TryGetValue(ItemKey, out var tag) && tag is Listener actual && actual != required.Listener)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    private sealed record ListenerMetadata(Listener Listener);
}

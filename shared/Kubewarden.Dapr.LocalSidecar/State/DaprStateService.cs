using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using static Dapr.Client.Autogen.Grpc.v1.StateOptions.Types;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// Dapr's state RPCs as daprd answers them: the request is checked as daprd checks it, run on the named store, and
/// failures become daprd's status codes and messages.
/// </summary>
/// <remarks>
/// Not sealed and with virtual RPC methods: Grpc.AspNetCore binds only virtual methods declared on the type that
/// carries <see cref="BindServiceMethodAttribute"/>.
/// </remarks>
[BindServiceMethod(typeof(DaprStateServiceBinder), nameof(DaprStateServiceBinder.BindService))]
internal class DaprStateService(StateStoreRegistry stores)
{
    private const string Upsert = "upsert";
    private const string Delete = "delete";

    public virtual async Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var key = StateKeys.Checked(request.Key);
        StoredState? state;
        try
        {
            state = await store.GetAsync(key, context.CancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw StateErrors.GetFailed(key, request.StoreName, error);
        }

        return state is null ? new GetStateResponse() : new GetStateResponse { Data = state.Value, Etag = state.ETag };
    }

    public virtual async Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var keys = request.Keys.Select(StateKeys.Checked).ToList();
        var response = new GetBulkStateResponse();
        IReadOnlyList<StoredState?> states;
        try
        {
            states = await store.GetManyAsync(keys, context.CancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw StateErrors.GetBulkFailed(error);
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var item = new BulkStateItem { Key = keys[i] };
            if (states[i] is { } state)
            {
                item.Data = state.Value;
                item.Etag = state.ETag;
            }

            response.Items.Add(item);
        }

        return response;
    }

    public virtual async Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var mutations = request.States
            .Select(item => new StateMutation(StateKeys.CheckedForWrite(item.Key), item.Value, item.Etag?.Value, IsFirstWrite(item.Options)))
            .ToList();
        try
        {
            await ApplyEachAsync(store, mutations, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ETagMismatchException or IOException)
        {
            throw StateErrors.SaveFailed(request.StoreName, error);
        }

        return new Empty();
    }

    public virtual async Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var mutation = new StateMutation(StateKeys.Checked(request.Key), null, request.Etag?.Value, IsFirstWrite(request.Options));
        try
        {
            await store.ApplyAsync([mutation], context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ETagMismatchException or IOException)
        {
            throw StateErrors.DeleteFailed(request.Key, error);
        }

        return new Empty();
    }

    public virtual async Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var mutations = request.States
            .Select(item => new StateMutation(StateKeys.Checked(item.Key), null, item.Etag?.Value, IsFirstWrite(item.Options)))
            .ToList();
        try
        {
            await ApplyEachAsync(store, mutations, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ETagMismatchException or IOException)
        {
            throw StateErrors.DeleteBulkFailed(request.StoreName, error);
        }

        return new Empty();
    }

    public virtual async Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var store = stores.Get(request.StoreName);
        var mutations = request.Operations.Select(ToMutation).ToList();
        try
        {
            await store.ApplyAsync(mutations, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ETagMismatchException or IOException)
        {
            throw StateErrors.TransactionFailed(error);
        }

        return new Empty();
    }

    private static StateMutation ToMutation(TransactionalStateOperation operation)
    {
        var item = operation.Request ?? new StateItem();
        var key = StateKeys.Checked(item.Key);
        return operation.OperationType switch
        {
            Upsert => new StateMutation(key, item.Value, item.Etag?.Value, IsFirstWrite(item.Options)),
            Delete => new StateMutation(key, null, item.Etag?.Value, IsFirstWrite(item.Options)),
            _ => throw StateErrors.UnsupportedOperation(operation.OperationType),
        };
    }

    // Like daprd, several items in one save or delete apply one by one, not as a transaction; the failed ones are
    // reported together.
    private static async Task ApplyEachAsync(StateStore store, List<StateMutation> mutations, CancellationToken cancellationToken)
    {
        if (mutations.Count == 1)
        {
            await store.ApplyAsync(mutations, cancellationToken).ConfigureAwait(false);
            return;
        }

        var conflicts = new List<ETagMismatchException>();
        foreach (var mutation in mutations)
        {
            try
            {
                await store.ApplyAsync([mutation], cancellationToken).ConfigureAwait(false);
            }
            catch (ETagMismatchException conflict)
            {
                conflicts.Add(conflict);
            }
        }

        if (conflicts.Count > 0)
        {
            throw ETagMismatchException.Joined(conflicts);
        }
    }

    private static bool IsFirstWrite(StateOptions? options) => options?.Concurrency == StateConcurrency.ConcurrencyFirstWrite;
}

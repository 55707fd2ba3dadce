using Kubewarden.Evaluation.Groups;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// Builds a <see cref="PolicyEnvironment"/> from a policies document: every entry is fetched, compiled and has its
/// settings validated in parallel; an entry whose configuration did not change keeps its loaded form from the previous
/// set. A failing entry becomes a <see cref="FailedEntry"/> and never stops the others.
/// </summary>
public sealed partial class PolicyEnvironmentBuilder(
    PolicyLoader loader, IPolicyModuleFetcher fetcher, ILogger<PolicyEnvironmentBuilder> logger, ContextAwareSupport? contextAware = null)
{
    /// <summary>Builds the set for <paramref name="document"/>.</summary>
    public async Task<PolicyEnvironment> BuildAsync(PoliciesDocument document, string configVersion, PolicyEnvironment? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var started = TimeProvider.System.GetTimestamp();
        var entries = await Task.WhenAll(document.Entries.Select(config =>
            previous is not null && previous.TryGet(config.Id, out var old) && old is not FailedEntry && old.Config == config
                ? Task.FromResult(old)
                : Task.Run(() => BuildEntryAsync(config, cancellationToken), cancellationToken))).ConfigureAwait(false);
        var failed = entries.OfType<FailedEntry>().Count();
        LogBuilt(logger, configVersion, entries.Length, failed, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return new PolicyEnvironment(configVersion, entries);
    }

    private async Task<PolicyEntry> BuildEntryAsync(PolicyConfig config, CancellationToken cancellationToken)
    {
        var entry = config switch
        {
            SinglePolicyConfig single => await BuildPolicyAsync(single, cancellationToken).ConfigureAwait(false),
            PolicyGroupConfig group => await BuildGroupAsync(group, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config, null),
        };
        if (entry is FailedEntry failed)
        {
            LogEntryFailed(logger, config.Id, failed.Message);
        }

        return entry;
    }

    private async Task<PolicyEntry> BuildPolicyAsync(SinglePolicyConfig config, CancellationToken cancellationToken)
    {
        var (evaluator, error, transient) = await LoadAsync(config.Id, config.Policy, cancellationToken).ConfigureAwait(false);
        return evaluator is null
            ? new FailedEntry(config, error!, [new PolicyEntryStatus(config.Id, false, error, null)], transient)
            : new LoadedPolicy(config, evaluator);
    }

    private async Task<PolicyEntry> BuildGroupAsync(PolicyGroupConfig config, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        PolicyGroupExpression? expression = null;
        try
        {
            expression = PolicyGroupExpression.Parse(config.Expression, config.Members.Select(m => m.Name).ToArray());
        }
        catch (PolicyGroupExpressionException e)
        {
            errors.Add($"{config.Id}: {e.Message}");
        }

        var members = new Dictionary<string, PolicyEvaluator>(StringComparer.Ordinal);
        var statuses = new List<PolicyEntryStatus>();
        var retryable = false;
        foreach (var member in config.Members)
        {
            var id = $"{config.Id}/{member.Name}";
            var (evaluator, error, transient) = await LoadAsync(id, member.Policy, cancellationToken).ConfigureAwait(false);
            statuses.Add(new PolicyEntryStatus(id, evaluator is not null, error, evaluator?.ModuleDigest));
            retryable |= transient;
            if (evaluator is null)
            {
                errors.Add($"{id}: {error}");
            }
            else
            {
                members[member.Name] = evaluator;
            }
        }

        if (errors.Count > 0)
        {
            var message = string.Join(", ", errors);
            return new FailedEntry(config, message, [new PolicyEntryStatus(config.Id, false, message, null), .. statuses], retryable);
        }

        return new LoadedGroup(config, expression!, members);
    }

    /// <summary>
    /// Fetches, loads and validates the settings of one module; the error says which step failed, and whether it was a
    /// fetch failure that may pass.
    /// </summary>
    private async Task<(PolicyEvaluator? Evaluator, string? Error, bool Transient)> LoadAsync(string id, PolicyModuleConfig policy, CancellationToken cancellationToken)
    {
        if (policy.ContextAwareResources.Count > 0 && contextAware is { Available: false })
        {
            return (null, ContextAwareSupport.Unavailable, false);
        }

        var module = policy.Module;
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = await fetcher.FetchAsync(module, cancellationToken).ConfigureAwait(false);
        }
        catch (PolicyFetchException e)
        {
            return (null, $"Error while downloading policy '{id}' from {module}: {e.Message}", e.IsTransient);
        }

        PolicyEvaluator evaluator;
        try
        {
            evaluator = loader.Load(
                new PolicyDefinition(id)
                {
                    Settings = policy.Settings,
                    Timeout = policy.Timeout,
                    HostCapabilities = policy.HostCapabilities,
                    ContextAwareResources = policy.ContextAwareResources.Select(r => new ContextAwareResource(r.ApiVersion, r.Kind)).ToArray(),
                },
                bytes);
        }
        catch (PolicyLoadException e)
        {
            return (null, e.Message, false);
        }

        var verdict = evaluator.ValidateSettings();
        return verdict.Valid ? (evaluator, null, false) : (null, $"Policy settings are invalid: {verdict.Message ?? "no message"}", false);
    }

    [LoggerMessage(EventId = EvaluationEventIds.EnvironmentBuilt, EventName = nameof(EvaluationEventIds.EnvironmentBuilt), Level = LogLevel.Information,
        Message = "Policy set {ConfigVersion} built: {PolicyCount} policies, {FailedCount} failed, in {ElapsedMilliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, string configVersion, int policyCount, int failedCount, double elapsedMilliseconds);

    [LoggerMessage(EventId = EvaluationEventIds.EntryFailed, EventName = nameof(EvaluationEventIds.EntryFailed), Level = LogLevel.Error,
        Message = "Policy `{PolicyId}` is not serving (its requests are rejected with this reason until the policies file fixes it): {Problem}")]
    private static partial void LogEntryFailed(ILogger logger, string policyId, string problem);
}

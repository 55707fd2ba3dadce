using System.Buffers;
using System.Text.Json;

namespace Kubewarden.Policies;

/// <summary>
/// Turns a parsed <see cref="ConfigNode"/> tree into a <see cref="PoliciesDocument"/>, collecting
/// every error instead of stopping at the first.
/// </summary>
internal sealed class PoliciesDocumentBuilder(List<PoliciesLoadError> errors)
{
    private const int MaxSettingsValues = 1_000_000;

    private const string MemberFieldsHint = "group members accept module, settings, contextAwareResources, timeoutEvalSeconds, hostCapabilities";

    private static readonly HashSet<string> s_memberFields = new(StringComparer.Ordinal)
    {
        "module", "settings", "contextAwareResources", "timeoutEvalSeconds", "hostCapabilities",
    };

    private readonly List<PoliciesLoadError> _errors = errors;

    public PoliciesDocument? Build(ConfigNode? root)
    {
        if (root is null or ScalarNode { Kind: ScalarKind.Null })
        {
            return PoliciesDocument.Empty;
        }

        if (root is not MappingNode map)
        {
            Error(root, $"the policies file must be a map of policy id to policy, got {Describe(root)}");
            return null;
        }

        var entries = new List<PolicyConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Entries)
        {
            if (keyNode is not ScalarNode key)
            {
                Error(keyNode, $"policy ids must be strings, got {Describe(keyNode)}");
                continue;
            }

            var id = key.Text;
            if (!seen.Add(id))
            {
                Error(key, $"policy `{id}`: duplicate policy id");
                continue;
            }

            if (id.Contains('/', StringComparison.Ordinal))
            {
                Error(key, $"policy `{id}`: ids must not contain '/'");
            }

            if (BuildEntry(id, valueNode) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return _errors.Count == 0 ? new PoliciesDocument(entries) : null;
    }

    private PolicyConfig? BuildEntry(string id, ConfigNode node)
    {
        var prefix = $"policy `{id}`";
        if (node is not MappingNode map)
        {
            Error(node, $"{prefix} must be a map, got {Describe(node)}");
            return null;
        }

        var fields = ReadFields(map, prefix);
        if (fields.ContainsKey("module"))
        {
            return BuildSingle(id, prefix, map, fields);
        }

        if (fields.ContainsKey("policies") || fields.ContainsKey("expression"))
        {
            return BuildGroup(id, prefix, map, fields);
        }

        Error(map, $"{prefix}: module is required");
        return null;
    }

    private SinglePolicyConfig? BuildSingle(string id, string prefix, MappingNode map, Dictionary<string, Field> fields)
    {
        var errorCount = _errors.Count;
        var module = ReadString(fields, "module", prefix, map, required: true);
        var mode = ReadPolicyMode(fields, prefix);
        var allowedToMutate = ReadBool(fields, "allowedToMutate", prefix);
        var settings = ReadSettings(fields, prefix);
        var contextAware = ReadContextAwareResources(fields, prefix);
        var message = ReadString(fields, "message", prefix, map, required: false);
        var timeout = ReadTimeout(fields, prefix);
        var capabilities = ReadHostCapabilities(fields, prefix);
        if (_errors.Count != errorCount || module is null)
        {
            return null;
        }

        return new SinglePolicyConfig(id, new PolicyModuleConfig(module, settings, contextAware, timeout, capabilities), mode, allowedToMutate, message);
    }

    private PolicyGroupConfig? BuildGroup(string id, string prefix, MappingNode map, Dictionary<string, Field> fields)
    {
        var errorCount = _errors.Count;
        var expression = ReadString(fields, "expression", prefix, map, required: true);
        var message = ReadString(fields, "message", prefix, map, required: true);
        var mode = ReadPolicyMode(fields, prefix);
        var members = new List<PolicyGroupMemberConfig>();
        if (!fields.TryGetValue("policies", out var policies) || IsNull(policies.Value))
        {
            Error(map, $"{prefix}: policies is required");
        }
        else if (policies.Value is not MappingNode membersMap)
        {
            Error(policies.Value, $"{prefix}: policies must be a map of member name to member, got {Describe(policies.Value)}");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in membersMap.Entries)
            {
                if (keyNode is not ScalarNode key)
                {
                    Error(keyNode, $"{prefix}: member names must be strings, got {Describe(keyNode)}");
                    continue;
                }

                var name = key.Text;
                var memberPrefix = $"{prefix}: member `{name}`";
                if (!seen.Add(name))
                {
                    Error(key, $"{memberPrefix}: duplicate member name");
                    continue;
                }

                if (name.Contains('/', StringComparison.Ordinal))
                {
                    Error(key, $"{memberPrefix}: member names must not contain '/'");
                }

                if (BuildMember(name, memberPrefix, valueNode) is { } member)
                {
                    members.Add(member);
                }
            }
        }

        if (_errors.Count != errorCount || expression is null || message is null)
        {
            return null;
        }

        return new PolicyGroupConfig(id, expression, message, mode, members);
    }

    private PolicyGroupMemberConfig? BuildMember(string name, string prefix, ConfigNode node)
    {
        if (node is not MappingNode map)
        {
            Error(node, $"{prefix} must be a map, got {Describe(node)}");
            return null;
        }

        var errorCount = _errors.Count;
        var fields = ReadFields(map, prefix);
        foreach (var (fieldName, field) in fields)
        {
            if (!s_memberFields.Contains(fieldName))
            {
                Error(field.Key, $"{prefix}: unknown field `{fieldName}` ({MemberFieldsHint})");
            }
        }

        var module = ReadString(fields, "module", prefix, map, required: true);
        var settings = ReadSettings(fields, prefix);
        var contextAware = ReadContextAwareResources(fields, prefix);
        var timeout = ReadTimeout(fields, prefix);
        var capabilities = ReadHostCapabilities(fields, prefix);
        if (_errors.Count != errorCount || module is null)
        {
            return null;
        }

        return new PolicyGroupMemberConfig(name, new PolicyModuleConfig(module, settings, contextAware, timeout, capabilities));
    }

    /// <summary>Field name → (key node, value node); reports non-string and duplicate field names.</summary>
    private Dictionary<string, Field> ReadFields(MappingNode map, string prefix)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Entries)
        {
            if (keyNode is not ScalarNode key)
            {
                Error(keyNode, $"{prefix}: field names must be strings, got {Describe(keyNode)}");
                continue;
            }

            if (!fields.TryAdd(key.Text, new Field(key, valueNode)))
            {
                Error(key, $"{prefix}: duplicate field `{key.Text}`");
            }
        }

        return fields;
    }

    private string? ReadString(Dictionary<string, Field> fields, string name, string prefix, ConfigNode parent, bool required)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            if (required)
            {
                Error(parent, $"{prefix}: {name} is required");
            }

            return null;
        }

        if (field.Value is not ScalarNode scalar)
        {
            Error(field.Value, $"{prefix}: {name} must be a string, got {Describe(field.Value)}");
            return null;
        }

        // serde_yaml hands the scalar's text to a String field whatever it resolves to (`message: 42` is "42").
        return scalar.Text;
    }

    private PolicyMode ReadPolicyMode(Dictionary<string, Field> fields, string prefix)
    {
        if (!fields.TryGetValue("policyMode", out var field) || IsNull(field.Value))
        {
            return PolicyMode.Protect;
        }

        switch (field.Value)
        {
            case ScalarNode { Kind: ScalarKind.String, Text: "protect" }:
                return PolicyMode.Protect;
            case ScalarNode { Kind: ScalarKind.String, Text: "monitor" }:
                return PolicyMode.Monitor;
            default:
                Error(field.Value, $"{prefix}: policyMode must be \"protect\" or \"monitor\", got {Describe(field.Value)}");
                return PolicyMode.Protect;
        }
    }

    private bool ReadBool(Dictionary<string, Field> fields, string name, string prefix)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            return false;
        }

        if (field.Value is ScalarNode { Kind: ScalarKind.Bool } scalar)
        {
            return scalar.JsonLiteral == "true";
        }

        Error(field.Value, $"{prefix}: {name} must be true or false, got {Describe(field.Value)}");
        return false;
    }

    private ulong? ReadTimeout(Dictionary<string, Field> fields, string prefix)
    {
        if (!fields.TryGetValue("timeoutEvalSeconds", out var field) || IsNull(field.Value))
        {
            return null;
        }

        if (field.Value is ScalarNode { Kind: ScalarKind.Integer, JsonLiteral: { } literal }
            && ulong.TryParse(literal, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        Error(field.Value, $"{prefix}: timeoutEvalSeconds must be a non-negative integer, got {Describe(field.Value)}");
        return null;
    }

    private List<string> ReadHostCapabilities(Dictionary<string, Field> fields, string prefix)
    {
        var result = new List<string>();
        if (!fields.TryGetValue("hostCapabilities", out var field) || IsNull(field.Value))
        {
            return result;
        }

        if (field.Value is not SequenceNode sequence)
        {
            Error(field.Value, $"{prefix}: hostCapabilities must be a list of strings, got {Describe(field.Value)}");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ScalarNode { Kind: not ScalarKind.Null } scalar)
            {
                result.Add(scalar.Text);
            }
            else
            {
                Error(sequence.Items[i], $"{prefix}: hostCapabilities[{i}] must be a string, got {Describe(sequence.Items[i])}");
            }
        }

        return result;
    }

    private List<ContextAwareResourceConfig> ReadContextAwareResources(Dictionary<string, Field> fields, string prefix)
    {
        var result = new SortedSet<ContextAwareResourceConfig>(ContextAwareResourceOrder.Instance);
        if (!fields.TryGetValue("contextAwareResources", out var field) || IsNull(field.Value))
        {
            return [];
        }

        if (field.Value is not SequenceNode sequence)
        {
            Error(field.Value, $"{prefix}: contextAwareResources must be a list of {{apiVersion, kind}} maps, got {Describe(field.Value)}");
            return [];
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPrefix = $"{prefix}: contextAwareResources[{i}]";
            if (sequence.Items[i] is not MappingNode item)
            {
                Error(sequence.Items[i], $"{itemPrefix} must be a map with apiVersion and kind, got {Describe(sequence.Items[i])}");
                continue;
            }

            var itemFields = ReadFields(item, itemPrefix);
            var apiVersion = ReadString(itemFields, "apiVersion", itemPrefix, item, required: true);
            var kind = ReadString(itemFields, "kind", itemPrefix, item, required: true);
            if (apiVersion is not null && kind is not null)
            {
                result.Add(new ContextAwareResourceConfig(apiVersion, kind));
            }
        }

        return [.. result];
    }

    private JsonElement? ReadSettings(Dictionary<string, Field> fields, string prefix)
    {
        if (!fields.TryGetValue("settings", out var field) || IsNull(field.Value))
        {
            return null;
        }

        if (field.Value is not MappingNode map)
        {
            Error(field.Value, $"{prefix}: settings must be an object (map) or null, got {Describe(field.Value)}");
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        var budget = new SettingsBudget();
        var errorCount = _errors.Count;
        using (var writer = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            try
            {
                WriteJson(writer, map, $"{prefix}: settings", budget);
            }
            catch (SettingsTooLargeException)
            {
                Error(map, $"{prefix}: settings are too large (more than {MaxSettingsValues} values after alias expansion)");
                return null;
            }
        }

        if (_errors.Count != errorCount)
        {
            return null;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private void WriteJson(Utf8JsonWriter writer, ConfigNode node, string prefix, SettingsBudget budget)
    {
        if (++budget.Values > MaxSettingsValues)
        {
            throw new SettingsTooLargeException();
        }

        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } scalar:
                writer.WriteStringValue(scalar.Text);
                break;
            case ScalarNode scalar:
                writer.WriteRawValue(scalar.JsonLiteral ?? "null");
                break;
            case SequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    WriteJson(writer, item, prefix, budget);
                }

                writer.WriteEndArray();
                break;
            case MappingNode map:
                var properties = new SortedDictionary<string, ConfigNode>(CodePointComparer.Instance);
                foreach (var (keyNode, valueNode) in map.Entries)
                {
                    if (keyNode is not ScalarNode key)
                    {
                        Error(keyNode, $"{prefix}: keys must be strings, got {Describe(keyNode)}");
                    }
                    else if (!properties.TryAdd(key.Text, valueNode))
                    {
                        Error(key, $"{prefix}: duplicate key `{key.Text}`");
                    }
                }

                writer.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, value, prefix, budget);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("unknown node type");
        }
    }

    private static bool IsNull(ConfigNode node) => node is ScalarNode { Kind: ScalarKind.Null };

    /// <summary>How a value is named in "got …": strings quoted, other scalars verbatim, "a map", "a list".</summary>
    internal static string Describe(ConfigNode node) => node switch
    {
        MappingNode => "a map",
        SequenceNode => "a list",
        ScalarNode { Kind: ScalarKind.Null } => "null",
        ScalarNode { Kind: ScalarKind.String } scalar => JsonSerializer.Serialize(scalar.Text, s_describeOptions),
        ScalarNode scalar => scalar.Text,
        _ => "a value",
    };

    private static readonly JsonSerializerOptions s_describeOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private void Error(ConfigNode node, string message) => _errors.Add(new PoliciesLoadError(message, node.Line, node.Column));

    private readonly record struct Field(ScalarNode Key, ConfigNode Value);

    private sealed class SettingsBudget
    {
        public int Values { get; set; }
    }

    private sealed class SettingsTooLargeException : Exception
    {
    }

    private sealed class ContextAwareResourceOrder : IComparer<ContextAwareResourceConfig>
    {
        public static ContextAwareResourceOrder Instance { get; } = new();

        public int Compare(ContextAwareResourceConfig? x, ContextAwareResourceConfig? y)
        {
            var byApiVersion = CodePointComparer.Instance.Compare(x?.ApiVersion, y?.ApiVersion);
            return byApiVersion != 0 ? byApiVersion : CodePointComparer.Instance.Compare(x?.Kind, y?.Kind);
        }
    }
}

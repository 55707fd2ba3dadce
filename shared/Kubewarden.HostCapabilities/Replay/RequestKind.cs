namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// One kind of request kwctl records (a variant of Kubewarden's <c>CallbackRequestType</c>), with its fields.
/// </summary>
/// <param name="Name">The variant name, the YAML tag of a recorded request.</param>
/// <param name="Fields">The fields, as kwctl names them.</param>
/// <param name="ReadsKubernetesResources">
/// The request reads resources of its <c>api_version</c>/<c>kind</c>, which the policy's
/// <c>contextAwareResources</c> must list.
/// </param>
internal sealed record RequestKind(string Name, IReadOnlyList<RequestField> Fields, bool ReadsKubernetesResources = false)
{
    /// <summary>What is wrong with <paramref name="fields"/> for this kind, or null.</summary>
    /// <param name="fields">The fields as given.</param>
    /// <param name="unknownAllowed">Whether fields this kind does not have are ignored (a guest payload) or refused (a recording).</param>
    public string? Problem(MappingValue fields, bool unknownAllowed)
    {
        if (Fields.FirstOrDefault(field => field.Shape == FieldShape.Required && !fields.Members.ContainsKey(field.Name)) is { } missing)
        {
            return $"missing field `{missing.Name}`; {Expected}";
        }

        if (!unknownAllowed && fields.Members.Keys.FirstOrDefault(name => Fields.All(field => field.Name != name)) is { } unknown)
        {
            return $"unknown field `{unknown}`; {Expected}";
        }

        return null;
    }

    /// <summary>The request made of <paramref name="fields"/>, which passed <see cref="Problem"/>.</summary>
    public CapabilityRequest Request(MappingValue fields) => new(this, Fields.Select(field => fields[field.Name]).ToArray());

    private string Expected =>
        $"{Name} has the fields {string.Join(", ", Fields.Select(f => f.Shape == FieldShape.Required ? f.Name : f.Name + " (optional)"))}";
}

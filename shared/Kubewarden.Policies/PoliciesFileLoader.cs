using System.Text;

namespace Kubewarden.Policies;

/// <summary>
/// Loads <c>policies.yml</c> (YAML, or the JSON the controller writes) the way Kubewarden's
/// policy-server does, reporting every validation error at once.
/// </summary>
/// <remarks>
/// <para>Rules (spec §5.1): the top level is a map of policy id → entry; an entry with a
/// <c>module</c> key is an individual policy, otherwise a policy group (<c>policies</c> +
/// <c>expression</c> + <c>message</c>). Unknown keys are ignored on policies and groups (e.g. the
/// controller's <c>namespacedName</c>) but rejected on group members. Ids and member names must
/// not contain <c>/</c>. <c>settings</c> must be a map or null.</para>
/// <para>Content whose first non-blank character is <c>{</c> is parsed as strict JSON with
/// System.Text.Json (number text kept exactly); if that fails it is parsed as YAML (a YAML flow
/// mapping also starts with <c>{</c>). YAML plain scalars resolve like serde_yaml (YAML 1.2 core
/// schema: <c>yes</c>/<c>on</c> are strings, <c>0123</c> is a string).</para>
/// <para>Decisions: an empty file (or one holding only comments, <c>~</c> or <c>null</c>) is an
/// empty document with zero policies. Duplicate policy ids, member names, fields or settings keys
/// are errors (YAML forbids duplicate keys). Module URLs are not checked here (the reference
/// only fails when fetching, which <c>--continue-on-errors</c> turns into a per-policy error);
/// use <see cref="ModuleSource.TryParse"/>. <c>hostCapabilities</c> patterns are loaded verbatim.</para>
/// </remarks>
public static class PoliciesFileLoader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads a policies file from its bytes (UTF-8, optional BOM).</summary>
    /// <param name="content">The file content.</param>
    /// <param name="sourceName">A name for messages (usually the path), or <see langword="null"/>.</param>
    /// <returns>The document, or all errors.</returns>
    public static PoliciesLoadResult Load(ReadOnlySpan<byte> content, string? sourceName)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var errors = new List<PoliciesLoadError>();
        ConfigNode? root;
        var trimmed = content.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{' || !JsonConfigReader.TryRead(content, out root))
        {
            string text;
            try
            {
                text = s_strictUtf8.GetString(content);
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new PoliciesLoadError("the policies file is not valid UTF-8", null, null));
                return PoliciesLoadResult.Failed(sourceName, errors);
            }

            root = YamlConfigReader.Read(text, errors);
            if (errors.Count > 0)
            {
                return PoliciesLoadResult.Failed(sourceName, errors);
            }
        }

        var document = new PoliciesDocumentBuilder(errors).Build(root);
        if (document is not null && errors.Count == 0)
        {
            return PoliciesLoadResult.Ok(sourceName, document);
        }

        // Document order; errors without a position go last. OrderBy is stable.
        return PoliciesLoadResult.Failed(
            sourceName,
            [.. errors.OrderBy(error => error.Line ?? int.MaxValue).ThenBy(error => error.Column ?? int.MaxValue)]);
    }

    /// <summary>Loads a policies file from text.</summary>
    /// <param name="content">The file content.</param>
    /// <param name="sourceName">A name for messages, or <see langword="null"/>.</param>
    /// <returns>The document, or all errors.</returns>
    public static PoliciesLoadResult Load(string content, string? sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Load(Encoding.UTF8.GetBytes(content), sourceName);
    }

    /// <summary>Reads and loads a policies file; I/O errors propagate as exceptions.</summary>
    /// <param name="path">The file path (also used as the source name).</param>
    /// <returns>The document, or all errors.</returns>
    public static PoliciesLoadResult LoadFile(string path) => Load(File.ReadAllBytes(path), path);
}

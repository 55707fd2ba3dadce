using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubewarden.HostCapabilities.Sigstore.Verification;

/// <summary>
/// Kubewarden's failure text for public keys without a matching signature: a header, then each unsatisfied constraint
/// as the YAML of a verification-config <c>pubKey</c> entry.
/// </summary>
internal static class MissingSignaturesMessage
{
    /// <summary>The message naming <paramref name="unsatisfiedKeys"/>.</summary>
    public static string For(IEnumerable<string> unsatisfiedKeys, IReadOnlyDictionary<string, string>? annotations)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.Write("Image verification failed: missing signatures\nThe following constraints were not satisfied:\n");
        foreach (var key in unsatisfiedKeys)
        {
            WriteConstraint(text, key, annotations);
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void WriteConstraint(TextWriter text, string key, IReadOnlyDictionary<string, string>? annotations)
    {
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart());
        Plain(emitter, "kind");
        Plain(emitter, "pubKey");
        Plain(emitter, "owner");
        Plain(emitter, "null");
        Plain(emitter, "key");
        emitter.Emit(new Scalar(null, null, key, ScalarStyle.Literal, isPlainImplicit: false, isQuotedImplicit: true));
        Plain(emitter, "annotations");
        if (annotations is null)
        {
            Plain(emitter, "null");
        }
        else
        {
            emitter.Emit(new MappingStart());
            foreach (var (name, value) in annotations.OrderBy(annotation => annotation.Key, StringComparer.Ordinal))
            {
                emitter.Emit(new Scalar(name));
                emitter.Emit(new Scalar(value));
            }

            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void Plain(IEmitter emitter, string value) => emitter.Emit(new Scalar(value));
}

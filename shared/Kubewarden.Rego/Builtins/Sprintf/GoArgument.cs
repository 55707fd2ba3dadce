using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>A value handed to Go's <c>fmt.Sprintf</c>; it formats itself for one verb.</summary>
internal abstract class GoArgument
{
    /// <summary>The Go type name that <c>%T</c> and the error texts show, e.g. <c>int</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Writes the value for <paramref name="verb"/>; <c>%T</c> and <c>%p</c> are handled here for every type.</summary>
    public void Print(GoOutput output, GoDirective directive, Rune verb)
    {
        switch (verb.Value)
        {
            case 'T':
                GoStringArgument.WriteString(output, directive, TypeName);
                break;
            case 'p': // no value here is a Go pointer but *big.Int, whose address Go would print: no meaningful text
                WriteBadVerb(output, directive, verb);
                break;
            default:
                Format(output, directive, verb);
                break;
        }
    }

    /// <summary>Writes the value for a verb other than <c>%T</c> and <c>%p</c>.</summary>
    protected abstract void Format(GoOutput output, GoDirective directive, Rune verb);

    /// <summary>Go's text for a verb the type does not support: <c>%!d(string=hi)</c>, the value printed as <c>%v</c>.</summary>
    protected void WriteBadVerb(GoOutput output, GoDirective directive, Rune verb)
    {
        output.Write("%!");
        output.Write(verb.ToString());
        output.Write('(');
        output.Write(TypeName);
        output.Write('=');
        Format(output, directive, new Rune('v'));
        output.Write(')');
    }
}

using System.Collections.Frozen;

namespace Kubewarden.Evaluation.Groups;

/// <summary>
/// A parsed, type-checked policy-group <c>expression</c> (spec §5.2): member calls <c>name()</c>,
/// <c>true</c>/<c>false</c>, non-negative integers, <c>!</c>, <c>&lt; &lt;= &gt; &gt;=</c>,
/// <c>== !=</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses. Immutable and thread-safe.
/// </summary>
public sealed class PolicyGroupExpression
{
    private readonly ExpressionNode _root;

    private PolicyGroupExpression(string text, ExpressionNode root, IReadOnlySet<string> members)
    {
        Text = text;
        _root = root;
        Members = members;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The policy members the expression calls.</summary>
    public IReadOnlySet<string> Members { get; }

    /// <summary>Parses and type-checks <paramref name="expression"/> against the group's member names.</summary>
    /// <param name="expression">The group's <c>expression</c>.</param>
    /// <param name="members">The names of the group's policies (case-sensitive).</param>
    /// <exception cref="PolicyGroupExpressionException">The expression is empty, malformed, references an
    /// unknown member, is ill-typed or nests too deeply.</exception>
    public static PolicyGroupExpression Parse(string expression, IReadOnlyCollection<string> members)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(members);
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new PolicyGroupExpressionException("the group expression is empty");
        }

        var known = members.ToFrozenSet(StringComparer.Ordinal);
        var (root, referenced) = Parser.Parse(expression, known);
        TypeChecker.CheckBoolean(root);
        return new PolicyGroupExpression(expression, root, referenced.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Evaluates the expression left to right; <c>&amp;&amp;</c> and <c>||</c> short-circuit, so a member
    /// is only evaluated when its result is needed. Exceptions from <paramref name="evaluateMember"/> propagate.
    /// </summary>
    /// <param name="evaluateMember">Evaluates one member by name and returns whether it allowed the request.</param>
    public bool Evaluate(Func<string, bool> evaluateMember)
    {
        ArgumentNullException.ThrowIfNull(evaluateMember);
        return Evaluator.EvaluateBoolean(_root, evaluateMember);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

namespace Kubewarden.Evaluation.Groups;

/// <summary>
/// Evaluates a type-checked tree left to right with short-circuit <c>&amp;&amp;</c>/<c>||</c>.
/// After type checking, the only integer-typed nodes are <see cref="IntegerLiteral"/>s.
/// </summary>
internal static class Evaluator
{
    public static bool EvaluateBoolean(ExpressionNode node, Func<string, bool> evaluateMember)
    {
        switch (node)
        {
            case BooleanLiteral literal:
                return literal.Value;

            case MemberCall call:
                return evaluateMember(call.Name);

            case NotNode not:
                return !EvaluateBoolean(not.Operand, evaluateMember);

            case LogicalNode logical:
                // && stops at the first false, || at the first true.
                var stopAt = logical.Operator == LogicalOperator.Or;
                foreach (var operand in logical.Operands)
                {
                    if (EvaluateBoolean(operand, evaluateMember) == stopAt)
                    {
                        return stopAt;
                    }
                }

                return !stopAt;

            case BinaryNode binary:
                return binary.Operator switch
                {
                    BinaryOperator.Equal => AreEqual(binary, evaluateMember),
                    BinaryOperator.NotEqual => !AreEqual(binary, evaluateMember),
                    BinaryOperator.Less => Integer(binary.Left) < Integer(binary.Right),
                    BinaryOperator.LessEqual => Integer(binary.Left) <= Integer(binary.Right),
                    BinaryOperator.Greater => Integer(binary.Left) > Integer(binary.Right),
                    _ => Integer(binary.Left) >= Integer(binary.Right),
                };

            default:
                throw new InvalidOperationException($"unexpected boolean node {node.GetType().Name}");
        }
    }

    private static bool AreEqual(BinaryNode binary, Func<string, bool> evaluateMember)
    {
        if (binary.Left is IntegerLiteral left)
        {
            return left.Value == Integer(binary.Right);
        }

        // Left first, then right; both sides are always evaluated.
        var leftValue = EvaluateBoolean(binary.Left, evaluateMember);
        var rightValue = EvaluateBoolean(binary.Right, evaluateMember);
        return leftValue == rightValue;
    }

    private static long Integer(ExpressionNode node) =>
        node is IntegerLiteral literal
            ? literal.Value
            : throw new InvalidOperationException($"unexpected integer node {node.GetType().Name}");
}

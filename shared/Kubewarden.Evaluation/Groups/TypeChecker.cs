namespace Kubewarden.Evaluation.Groups;

/// <summary>Static types of group-expression values.</summary>
internal enum ExpressionType
{
    Boolean,
    Integer,
}

/// <summary>Checks operand types; the tree height is bounded by the parser.</summary>
internal static class TypeChecker
{
    public static void CheckBoolean(ExpressionNode root)
    {
        if (TypeOf(root) != ExpressionType.Boolean)
        {
            throw new PolicyGroupExpressionException("the expression must be boolean, got an integer");
        }
    }

    private static ExpressionType TypeOf(ExpressionNode node)
    {
        switch (node)
        {
            case BooleanLiteral or MemberCall:
                return ExpressionType.Boolean;

            case IntegerLiteral:
                return ExpressionType.Integer;

            case NotNode not:
                return TypeOf(not.Operand) == ExpressionType.Boolean
                    ? ExpressionType.Boolean
                    : throw new PolicyGroupExpressionException("'!' needs a boolean, got an integer");

            case LogicalNode logical:
                foreach (var operand in logical.Operands)
                {
                    if (TypeOf(operand) != ExpressionType.Boolean)
                    {
                        throw new PolicyGroupExpressionException($"'{Symbol(logical.Operator)}' needs booleans");
                    }
                }

                return ExpressionType.Boolean;

            case BinaryNode binary:
                var left = TypeOf(binary.Left);
                var right = TypeOf(binary.Right);
                if (binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual)
                {
                    if (left != right)
                    {
                        throw new PolicyGroupExpressionException(
                            $"'{Symbol(binary.Operator)}' needs both sides of the same type, got {Describe(left)} and {Describe(right)}");
                    }
                }
                else if (left != ExpressionType.Integer || right != ExpressionType.Integer)
                {
                    throw new PolicyGroupExpressionException($"'{Symbol(binary.Operator)}' needs integers");
                }

                return ExpressionType.Boolean;

            default:
                throw new InvalidOperationException($"unexpected expression node {node.GetType().Name}");
        }
    }

    private static string Describe(ExpressionType type) =>
        type == ExpressionType.Boolean ? "a boolean" : "an integer";

    private static string Symbol(LogicalOperator op) => op == LogicalOperator.And ? "&&" : "||";

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        _ => ">=",
    };
}

using System.Collections.Immutable;

namespace Kubewarden.Evaluation.Groups;

/// <summary>A node of the immutable expression tree; <see cref="Height"/> bounds recursion.</summary>
internal abstract record ExpressionNode(int Column)
{
    /// <summary>Height of the subtree (a leaf is 1).</summary>
    public abstract int Height { get; }
}

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record BooleanLiteral(bool Value, int Column) : ExpressionNode(Column)
{
    public override int Height => 1;
}

/// <summary>A non-negative 64-bit integer literal.</summary>
internal sealed record IntegerLiteral(long Value, int Column) : ExpressionNode(Column)
{
    public override int Height => 1;
}

/// <summary><c>name()</c>: evaluates the policy member <paramref name="Name"/>.</summary>
internal sealed record MemberCall(string Name, int Column) : ExpressionNode(Column)
{
    public override int Height => 1;
}

/// <summary><c>!operand</c>.</summary>
internal sealed record NotNode(ExpressionNode Operand, int Column) : ExpressionNode(Column)
{
    public override int Height { get; } = Operand.Height + 1;
}

/// <summary>Operators of <see cref="LogicalNode"/>.</summary>
internal enum LogicalOperator
{
    And,
    Or,
}

/// <summary>A flat chain <c>a &amp;&amp; b &amp;&amp; c</c> or <c>a || b || c</c> (short-circuit, left to right).</summary>
internal sealed record LogicalNode(LogicalOperator Operator, ImmutableArray<ExpressionNode> Operands, int Column)
    : ExpressionNode(Column)
{
    public override int Height { get; } = Operands.Max(operand => operand.Height) + 1;
}

/// <summary>Operators of <see cref="BinaryNode"/>.</summary>
internal enum BinaryOperator
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

/// <summary>An equality or comparison; <see cref="ExpressionNode.Column"/> is the operator's column.</summary>
internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right, int Column)
    : ExpressionNode(Column)
{
    public override int Height { get; } = Math.Max(Left.Height, Right.Height) + 1;
}

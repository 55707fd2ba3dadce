using System.Collections.Immutable;
using System.Globalization;

namespace Kubewarden.Evaluation.Groups;

/// <summary>
/// Recursive-descent parser for group expressions. Recursion happens only at parentheses, whose
/// nesting is capped at <see cref="MaxDepth"/>; the height of the produced tree is capped too, so
/// neither parsing nor the later passes can exhaust the stack.
/// </summary>
internal sealed class Parser
{
    /// <summary>Maximum parenthesis nesting and maximum tree height.</summary>
    public const int MaxDepth = 256;

    private readonly List<Token> _tokens;
    private readonly IReadOnlySet<string> _knownMembers;
    private readonly HashSet<string> _referencedMembers = new(StringComparer.Ordinal);
    private int _position;
    private int _nesting;

    private Parser(List<Token> tokens, IReadOnlySet<string> knownMembers)
    {
        _tokens = tokens;
        _knownMembers = knownMembers;
    }

    public static (ExpressionNode Root, HashSet<string> Members) Parse(string text, IReadOnlySet<string> knownMembers)
    {
        var parser = new Parser(Tokenizer.Tokenize(text), knownMembers);
        var root = parser.ParseOr();
        var trailing = parser.Current;
        if (trailing.Kind != TokenKind.End)
        {
            throw new PolicyGroupExpressionException(
                $"unexpected {trailing.Display} at column {trailing.Column} (expected an operator or the end of the expression)");
        }

        return (root, parser._referencedMembers);
    }

    private Token Current => _tokens[_position];

    private Token Advance() => _tokens[_position++];

    private ExpressionNode ParseOr() => ParseLogical(TokenKind.OrOr, LogicalOperator.Or, ParseAnd);

    private ExpressionNode ParseAnd() => ParseLogical(TokenKind.AndAnd, LogicalOperator.And, ParseEquality);

    private ExpressionNode ParseLogical(TokenKind kind, LogicalOperator op, Func<ExpressionNode> parseOperand)
    {
        var first = parseOperand();
        if (Current.Kind != kind)
        {
            return first;
        }

        var column = Current.Column;
        var operands = ImmutableArray.CreateBuilder<ExpressionNode>();
        operands.Add(first);
        while (Current.Kind == kind)
        {
            Advance();
            operands.Add(parseOperand());
        }

        return Checked(new LogicalNode(op, operands.ToImmutable(), column));
    }

    private ExpressionNode ParseEquality()
    {
        var left = ParseComparison();
        while (true)
        {
            BinaryOperator? op = Current.Kind switch
            {
                TokenKind.EqualEqual => BinaryOperator.Equal,
                TokenKind.NotEqual => BinaryOperator.NotEqual,
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            var column = Advance().Column;
            left = Checked(new BinaryNode(op.Value, left, ParseComparison(), column));
        }
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseUnary();
        while (true)
        {
            BinaryOperator? op = Current.Kind switch
            {
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessEqual => BinaryOperator.LessEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            var column = Advance().Column;
            left = Checked(new BinaryNode(op.Value, left, ParseUnary(), column));
        }
    }

    private ExpressionNode ParseUnary()
    {
        // Iterative: a run of '!' is collected first, then wrapped innermost-first.
        var notColumns = new List<int>();
        while (Current.Kind == TokenKind.Not)
        {
            notColumns.Add(Advance().Column);
        }

        var node = ParsePrimary();
        for (var i = notColumns.Count - 1; i >= 0; i--)
        {
            node = Checked(new NotNode(node, notColumns[i]));
        }

        return node;
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                if (!long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw new PolicyGroupExpressionException(
                        $"integer literal {token.Text} at column {token.Column} is too large (maximum is {long.MaxValue})");
                }

                return new IntegerLiteral(value, token.Column);

            case TokenKind.Identifier:
                Advance();
                return ParseIdentifier(token);

            case TokenKind.LeftParen:
                Advance();
                if (++_nesting > MaxDepth)
                {
                    throw TooDeep(token.Column);
                }

                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                _nesting--;
                return inner;

            default:
                throw new PolicyGroupExpressionException($"expected an operand at column {token.Column}");
        }
    }

    private ExpressionNode ParseIdentifier(Token name)
    {
        switch (name.Text)
        {
            case "true":
                return new BooleanLiteral(true, name.Column);
            case "false":
                return new BooleanLiteral(false, name.Column);
        }

        var known = _knownMembers.Contains(name.Text);
        if (Current.Kind != TokenKind.LeftParen)
        {
            throw new PolicyGroupExpressionException(known
                ? $"`{name.Text}` is a policy member: call it as `{name.Text}()`"
                : $"unknown identifier `{name.Text}` at column {name.Column}");
        }

        if (!known)
        {
            var list = _knownMembers.Count == 0
                ? "(none)"
                : string.Join(", ", _knownMembers.Order(StringComparer.Ordinal));
            throw new PolicyGroupExpressionException($"unknown policy member `{name.Text}`; known: {list}");
        }

        Advance();
        Expect(TokenKind.RightParen, "')'");
        _referencedMembers.Add(name.Text);
        return new MemberCall(name.Text, name.Column);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new PolicyGroupExpressionException($"expected {what} at column {Current.Column}");
        }

        Advance();
    }

    private static T Checked<T>(T node)
        where T : ExpressionNode =>
        node.Height > MaxDepth ? throw TooDeep(node.Column) : node;

    private static PolicyGroupExpressionException TooDeep(int column) =>
        new($"the expression is nested too deeply at column {column} (maximum depth is {MaxDepth})");
}

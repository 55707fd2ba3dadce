namespace Kubewarden.Evaluation.Groups;

/// <summary>Kinds of lexical tokens of a group expression.</summary>
internal enum TokenKind
{
    Identifier,
    Integer,
    LeftParen,
    RightParen,
    Not,
    AndAnd,
    OrOr,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    End,
}

/// <summary>One token: its kind, its source text and its 1-based column.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column)
{
    /// <summary>The token as shown in messages.</summary>
    public string Display => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}

namespace Kubewarden.Evaluation.Groups;

/// <summary>Splits a group expression into tokens; rejects arithmetic and unknown characters.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], column));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Integer, text[start..i], column));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var (kind, length) = c switch
            {
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                '!' when next == '=' => (TokenKind.NotEqual, 2),
                '!' => (TokenKind.Not, 1),
                '&' when next == '&' => (TokenKind.AndAnd, 2),
                '|' when next == '|' => (TokenKind.OrOr, 2),
                '=' when next == '=' => (TokenKind.EqualEqual, 2),
                '<' when next == '=' => (TokenKind.LessEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when next == '=' => (TokenKind.GreaterEqual, 2),
                '>' => (TokenKind.Greater, 1),
                '&' => throw Expected("'&&'", column),
                '|' => throw Expected("'||'", column),
                '=' => throw Expected("'=='", column),
                '+' or '-' or '*' or '/' or '%' => throw new PolicyGroupExpressionException(
                    $"arithmetic is not supported in group expressions (found '{c}' at column {column})"),
                _ => throw new PolicyGroupExpressionException($"unexpected character '{c}' at column {column}"),
            };
            tokens.Add(new Token(kind, text.Substring(i, length), column));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length + 1));
        return tokens;
    }

    private static PolicyGroupExpressionException Expected(string what, int column) =>
        new($"expected {what} at column {column}");

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
}

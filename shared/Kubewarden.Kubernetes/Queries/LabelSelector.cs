namespace Kubewarden.Kubernetes.Queries;

/// <summary>
/// A Kubernetes label selector (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k,l&gt;1</c>), evaluated with the API server's
/// semantics: every requirement must hold; <c>!=</c> and <c>notin</c> also hold when the label is absent.
/// </summary>
public sealed class LabelSelector
{
    private readonly Requirement[] _requirements;

    private LabelSelector(Requirement[] requirements) => _requirements = requirements;

    /// <summary>Parses <paramref name="text"/>; an empty selector matches everything.</summary>
    /// <exception cref="FormatException">The selector is malformed; the message says where.</exception>
    public static LabelSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            var requirement = part.Trim();
            if (requirement.Length == 0)
            {
                if (text.Trim().Length == 0)
                {
                    continue;
                }

                throw new FormatException($"invalid label selector \"{text}\": empty requirement");
            }

            requirements.Add(ParseRequirement(requirement, text));
        }

        return new LabelSelector([.. requirements]);
    }

    /// <summary>Whether <paramref name="labels"/> satisfy every requirement.</summary>
    public bool Matches(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string text, string selector)
    {
        if (text.StartsWith('!'))
        {
            return new Requirement(Key(text[1..].Trim(), selector), Operator.DoesNotExist, []);
        }

        foreach (var (token, op) in (ReadOnlySpan<(string, Operator)>)[("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals), (">", Operator.GreaterThan), ("<", Operator.LessThan)])
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = text[(at + token.Length)..].Trim();
                if (op is Operator.GreaterThan or Operator.LessThan && !long.TryParse(value, out _))
                {
                    throw new FormatException($"invalid label selector \"{selector}\": `{text}` needs an integer value");
                }

                return new Requirement(Key(text[..at].Trim(), selector), op, [Value(value, selector)]);
            }
        }

        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            return new Requirement(Key(words[0], selector), Operator.Exists, []);
        }

        var rest = words[1];
        var setOperator = rest.StartsWith("notin", StringComparison.Ordinal) ? Operator.NotIn
            : rest.StartsWith("in", StringComparison.Ordinal) ? Operator.In
            : throw new FormatException($"invalid label selector \"{selector}\": `{text}` is not a requirement (expected =, ==, !=, in, notin, exists or !key)");
        var list = rest[(setOperator == Operator.In ? 2 : 5)..].Trim();
        if (!list.StartsWith('(') || !list.EndsWith(')'))
        {
            throw new FormatException($"invalid label selector \"{selector}\": `{text}` needs a parenthesised list of values");
        }

        if (list[1..^1].Trim().Length == 0)
        {
            throw new FormatException($"invalid label selector \"{selector}\": `{text}` needs at least one value in its list");
        }

        var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => Value(v, selector)).ToArray();
        return new Requirement(Key(words[0], selector), setOperator, values);
    }

    private static string Key(string key, string selector)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
        {
            throw new FormatException($"invalid label selector \"{selector}\": `{key}` is not a valid label key");
        }

        return key;
    }

    private static string Value(string value, string selector)
    {
        if (value.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
        {
            throw new FormatException($"invalid label selector \"{selector}\": `{value}` is not a valid label value");
        }

        return value;
    }

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan,
    }

    private sealed record Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(IReadOnlyList<KeyValuePair<string, string>> labels)
        {
            string? value = null;
            foreach (var label in labels)
            {
                if (label.Key == Key)
                {
                    value = label.Value;
                    break;
                }
            }

            return Op switch
            {
                Operator.Exists => value is not null,
                Operator.DoesNotExist => value is null,
                Operator.Equals or Operator.In => value is not null && Values.Contains(value),
                Operator.NotEquals or Operator.NotIn => value is null || !Values.Contains(value),
                Operator.GreaterThan => value is not null && long.TryParse(value, out var above) && above > long.Parse(Values[0]),
                _ => value is not null && long.TryParse(value, out var below) && below < long.Parse(Values[0]),
            };
        }
    }
}

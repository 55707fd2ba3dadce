using Kubewarden.Evaluation.Groups;

namespace Kubewarden.Evaluation.Tests.Groups;

/// <summary>Policy-group expressions (spec §5.2): grammar, types, short-circuit evaluation, load errors.</summary>
public sealed class PolicyGroupExpressionTests
{
    private static readonly string[] _members = ["a", "b", "c"];

    private static PolicyGroupExpression Parse(string text) => PolicyGroupExpression.Parse(text, _members);

    private static string ParseError(string text, IReadOnlyCollection<string>? members = null) =>
        Assert.Throws<PolicyGroupExpressionException>(() => PolicyGroupExpression.Parse(text, members ?? _members)).Message;

    /// <summary>Evaluates with a=<paramref name="a"/>, b=<paramref name="b"/>, c=<paramref name="c"/>.</summary>
    private static bool Evaluate(string text, bool a, bool b, bool c) =>
        Parse(text).Evaluate(name => name switch
        {
            "a" => a,
            "b" => b,
            "c" => c,
            _ => throw new InvalidOperationException(name),
        });

    private sealed class Recorder(params (string Name, bool Value)[] results)
    {
        private readonly Dictionary<string, bool> _results = results.ToDictionary(r => r.Name, r => r.Value);

        public List<string> Calls { get; } = [];

        public bool Call(string name)
        {
            Calls.Add(name);
            return _results.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"member {name} must not be evaluated");
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("!true", false)]
    [InlineData("!!true", true)]
    [InlineData("!false", true)]
    [InlineData("true && true", true)]
    [InlineData("true && false", false)]
    [InlineData("false || true", true)]
    [InlineData("false || false", false)]
    [InlineData("2 > 1", true)]
    [InlineData("1 > 2", false)]
    [InlineData("1 >= 1", true)]
    [InlineData("0 >= 1", false)]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 2", false)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 <= 2", false)]
    [InlineData("1 == 1", true)]
    [InlineData("1 == 2", false)]
    [InlineData("1 != 2", true)]
    [InlineData("1 != 1", false)]
    [InlineData("true != false", true)]
    [InlineData("true == false", false)]
    [InlineData("false == false", true)]
    [InlineData("9223372036854775807 > 0", true)]
    [InlineData("007 == 7", true)]
    public void Evaluate_ConstantExpression_ReturnsResult(string text, bool expected) =>
        Assert.Equal(expected, Parse(text).Evaluate(name => throw new InvalidOperationException(name)));

    [Theory]
    [InlineData("a()", true, false, false, true)]
    [InlineData("a()", false, false, false, false)]
    [InlineData("!a()", true, false, false, false)]
    [InlineData("a() && b()", true, true, false, true)]
    [InlineData("a() && b()", true, false, false, false)]
    [InlineData("a() || b()", false, true, false, true)]
    [InlineData("a() || b()", false, false, false, false)]
    [InlineData("a() == true", true, false, false, true)]
    [InlineData("a() == true", false, false, false, false)]
    [InlineData("a() != b()", true, false, false, true)]
    [InlineData("a() == b()", false, false, false, true)]
    [InlineData("a() && true", true, false, false, true)]
    [InlineData("a ( ) && b()", true, true, false, true)]
    [InlineData("\ta()\n&&\r\nb( )  ", true, true, false, true)]
    public void Evaluate_MemberExpression_ReturnsResult(string text, bool a, bool b, bool c, bool expected) =>
        Assert.Equal(expected, Evaluate(text, a, b, c));

    [Theory]
    // && binds tighter than ||: a() || (b() && c())
    [InlineData("a() || b() && c()", true, false, false, true)]
    [InlineData("(a() || b()) && c()", true, false, false, false)]
    // b() && c() || a(): (b() && c()) || a()
    [InlineData("b() && c() || a()", true, false, false, true)]
    [InlineData("b() && (c() || a())", true, false, false, false)]
    // ! binds tighter than &&: (!a()) && b()
    [InlineData("!a() && b()", false, true, false, true)]
    [InlineData("!(a() && b())", true, false, false, true)]
    // comparison binds tighter than ==, == tighter than &&
    [InlineData("1 < 2 == 2 < 3", false, false, false, true)]
    [InlineData("a() == b() && c()", false, false, false, false)]
    [InlineData("a() == (b() && c())", false, false, false, true)]
    [InlineData("a() || b() == c()", false, true, true, true)]
    // == is left-associative: (a() == b()) == c()
    [InlineData("a() == b() == c()", false, true, true, false)]
    [InlineData("a() == (b() == c())", false, true, true, false)]
    [InlineData("a() != b() == c()", true, false, false, false)]
    [InlineData("((((a()))))", true, false, false, true)]
    public void Evaluate_Precedence_GroupsAsSpecified(string text, bool a, bool b, bool c, bool expected) =>
        Assert.Equal(expected, Evaluate(text, a, b, c));

    [Fact]
    public void Evaluate_OrLeftTrue_DoesNotCallRight()
    {
        var recorder = new Recorder(("a", true));

        Assert.True(Parse("a() || b()").Evaluate(recorder.Call));
        Assert.Equal(["a"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_OrLeftFalse_CallsRight()
    {
        var recorder = new Recorder(("a", false), ("b", true));

        Assert.True(Parse("a() || b()").Evaluate(recorder.Call));
        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_AndLeftFalse_DoesNotCallRight()
    {
        var recorder = new Recorder(("a", false));

        Assert.False(Parse("a() && b()").Evaluate(recorder.Call));
        Assert.Equal(["a"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_AndLeftTrue_CallsRight()
    {
        var recorder = new Recorder(("a", true), ("b", false));

        Assert.False(Parse("a() && b()").Evaluate(recorder.Call));
        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_AndChainStopsAtFirstFalse_LaterMembersNotCalled()
    {
        var recorder = new Recorder(("a", true), ("b", false));

        Assert.False(Parse("a() && b() && c()").Evaluate(recorder.Call));
        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_OrOfAndShortCircuits_SkipsWholeRightGroup()
    {
        var recorder = new Recorder(("a", true));

        Assert.True(Parse("a() || b() && c()").Evaluate(recorder.Call));
        Assert.Equal(["a"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_AndLeftFalseInsideOr_EvaluatesRightOfOr()
    {
        var recorder = new Recorder(("a", false), ("c", true));

        Assert.True(Parse("a() && b() || c()").Evaluate(recorder.Call));
        Assert.Equal(["a", "c"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_EqualityOfMembers_EvaluatesBothLeftFirst()
    {
        var recorder = new Recorder(("b", false), ("a", false));

        Assert.True(Parse("b() == a()").Evaluate(recorder.Call));
        Assert.Equal(["b", "a"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_InequalityOfMembers_EvaluatesBothLeftFirst()
    {
        var recorder = new Recorder(("a", true), ("b", true));

        Assert.False(Parse("a() != b()").Evaluate(recorder.Call));
        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_SameMemberTwice_CallsTwice()
    {
        var recorder = new Recorder(("a", true));

        Assert.True(Parse("a() && a()").Evaluate(recorder.Call));
        Assert.Equal(["a", "a"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_CallbackThrows_ExceptionPropagatesUnchanged()
    {
        var thrown = new InvalidOperationException("cannot rehydrate module");

        var caught = Assert.Throws<InvalidOperationException>(() => Parse("a() || b()").Evaluate(_ => throw thrown));

        Assert.Same(thrown, caught);
    }

    [Fact]
    public void Evaluate_CallbackThrowsForSecondMember_StopsEvaluation()
    {
        var recorder = new Recorder(("a", false));

        var caught = Assert.Throws<InvalidOperationException>(() => Parse("a() || b() || c()").Evaluate(recorder.Call));

        Assert.Equal("member b must not be evaluated", caught.Message);
        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Fact]
    public void Evaluate_NullCallback_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Parse("true").Evaluate(null!));

    [Fact]
    public void Members_ReferencedMembers_ListedOncePerName()
    {
        var expression = PolicyGroupExpression.Parse("c() && (a() || c()) == true", ["a", "b", "c", "d"]);

        Assert.Equal(["a", "c"], expression.Members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Members_NoMemberCalls_Empty() => Assert.Empty(Parse("1 < 2 && true").Members);

    [Fact]
    public void Text_AfterParse_IsOriginalExpression()
    {
        const string Text = "  a() || b() ";

        Assert.Equal(Text, Parse(Text).Text);
    }

    [Fact]
    public void Parse_MemberNamesWithUnderscoresAndDigits_Accepted()
    {
        var expression = PolicyGroupExpression.Parse("_x1() && Sig_2()", ["_x1", "Sig_2"]);

        Assert.True(expression.Evaluate(_ => true));
    }

    [Fact]
    public void Parse_MemberNamesAreCaseSensitive_UnknownCaseRejected() =>
        Assert.Equal("unknown policy member `A`; known: a, b, c", ParseError("A()"));

    [Fact]
    public void Parse_LongFlatOrChain_Accepted()
    {
        var text = string.Join(" || ", Enumerable.Repeat("a()", 10_000));

        Assert.True(Parse(text).Evaluate(_ => true));
    }

    [Fact]
    public void Parse_NestingAtLimit_Accepted()
    {
        var text = new string('(', 256) + "a()" + new string(')', 256);

        Assert.True(Parse(text).Evaluate(_ => true));
    }

    [Fact]
    public void Parse_ParenthesesTooDeep_Rejected()
    {
        var text = new string('(', 100_000) + "a()" + new string(')', 100_000);

        Assert.Equal("the expression is nested too deeply at column 257 (maximum depth is 256)", ParseError(text));
    }

    [Fact]
    public void Parse_NotChainTooDeep_Rejected()
    {
        var text = new string('!', 100_000) + "a()";

        Assert.Equal("the expression is nested too deeply at column 99745 (maximum depth is 256)", ParseError(text));
    }

    [Fact]
    public void Parse_EqualityChainTooDeep_Rejected()
    {
        var text = "a()" + string.Concat(Enumerable.Repeat(" == a()", 100_000));

        Assert.Equal("the expression is nested too deeply at column 1790 (maximum depth is 256)", ParseError(text));
    }

    [Fact]
    public void Parse_NestedGroupsTooDeep_Rejected()
    {
        // Each level adds an || node and an && node to the tree: 128 levels fit, 129 do not.
        var text = "a()";
        for (var i = 0; i < 200; i++)
        {
            text = $"a() || b() && ({text})";
        }

        Assert.StartsWith("the expression is nested too deeply at column ", ParseError(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Parse_EmptyExpression_Rejected(string text) =>
        Assert.Equal("the group expression is empty", ParseError(text));

    [Theory]
    [InlineData("(a() && b()", "expected ')' at column 12")]
    [InlineData("a(", "expected ')' at column 3")]
    [InlineData("a(1)", "expected ')' at column 3")]
    [InlineData("a() &&", "expected an operand at column 7")]
    [InlineData("|| a()", "expected an operand at column 1")]
    [InlineData("()", "expected an operand at column 2")]
    [InlineData("!", "expected an operand at column 2")]
    [InlineData("a() & b()", "expected '&&' at column 5")]
    [InlineData("a() | b()", "expected '||' at column 5")]
    [InlineData("a() = b()", "expected '==' at column 5")]
    [InlineData("a() ; b()", "unexpected character ';' at column 5")]
    [InlineData("a() ? b() : c()", "unexpected character '?' at column 5")]
    [InlineData("1.5 > 1", "unexpected character '.' at column 2")]
    public void Parse_SyntaxError_NamesExpectationAndColumn(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Theory]
    [InlineData("a() b()", "unexpected 'b' at column 5 (expected an operator or the end of the expression)")]
    [InlineData("a())", "unexpected ')' at column 4 (expected an operator or the end of the expression)")]
    [InlineData("true false", "unexpected 'false' at column 6 (expected an operator or the end of the expression)")]
    [InlineData("true()", "unexpected '(' at column 5 (expected an operator or the end of the expression)")]
    [InlineData("1 2", "unexpected '2' at column 3 (expected an operator or the end of the expression)")]
    [InlineData("a() !", "unexpected '!' at column 5 (expected an operator or the end of the expression)")]
    public void Parse_TrailingInput_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Theory]
    [InlineData("foo()", "unknown policy member `foo`; known: a, b, c")]
    [InlineData("a() && foo ()", "unknown policy member `foo`; known: a, b, c")]
    public void Parse_UnknownMember_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Fact]
    public void Parse_UnknownMember_KnownListIsSorted() =>
        Assert.Equal("unknown policy member `x`; known: alpha, beta, zeta", ParseError("x()", ["zeta", "alpha", "beta"]));

    [Fact]
    public void Parse_UnknownMemberWithNoMembers_SaysNone() =>
        Assert.Equal("unknown policy member `x`; known: (none)", ParseError("x()", []));

    [Theory]
    [InlineData("a", "`a` is a policy member: call it as `a()`")]
    [InlineData("b() && a", "`a` is a policy member: call it as `a()`")]
    [InlineData("!c == true", "`c` is a policy member: call it as `c()`")]
    public void Parse_MemberWithoutParentheses_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Theory]
    [InlineData("foo", "unknown identifier `foo` at column 1")]
    [InlineData("a() || TRUE", "unknown identifier `TRUE` at column 8")]
    public void Parse_UnknownBareIdentifier_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Theory]
    [InlineData("a() + b()", '+', 5)]
    [InlineData("1 - 1 == 0", '-', 3)]
    [InlineData("2*3 > 1", '*', 2)]
    [InlineData("4 / 2 == 2", '/', 3)]
    [InlineData("5 % 2 == 1", '%', 3)]
    [InlineData("-1 < 0", '-', 1)]
    [InlineData("a() && b() +", '+', 12)]
    public void Parse_Arithmetic_Rejected(string text, char op, int column) =>
        Assert.Equal($"arithmetic is not supported in group expressions (found '{op}' at column {column})", ParseError(text));

    [Theory]
    [InlineData("1", "the expression must be boolean, got an integer")]
    [InlineData("(42)", "the expression must be boolean, got an integer")]
    [InlineData("!1", "'!' needs a boolean, got an integer")]
    [InlineData("!1 == true", "'!' needs a boolean, got an integer")]
    [InlineData("1 && true", "'&&' needs booleans")]
    [InlineData("a() && 0", "'&&' needs booleans")]
    [InlineData("a() || 1", "'||' needs booleans")]
    [InlineData("true < 1", "'<' needs integers")]
    [InlineData("1 <= a()", "'<=' needs integers")]
    [InlineData("a() > b()", "'>' needs integers")]
    [InlineData("1 < 2 < 3", "'<' needs integers")]
    [InlineData("1 >= false", "'>=' needs integers")]
    [InlineData("a() == 1", "'==' needs both sides of the same type, got a boolean and an integer")]
    [InlineData("1 != true", "'!=' needs both sides of the same type, got an integer and a boolean")]
    public void Parse_TypeError_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Fact]
    public void Parse_SyntaxErrorAfterTypeError_SyntaxErrorReported() =>
        Assert.Equal("expected ')' at column 8", ParseError("(1 && 2"));

    [Theory]
    [InlineData("9223372036854775808 > 1", "integer literal 9223372036854775808 at column 1 is too large (maximum is 9223372036854775807)")]
    [InlineData("1 < 99999999999999999999999", "integer literal 99999999999999999999999 at column 5 is too large (maximum is 9223372036854775807)")]
    public void Parse_IntegerOverflow_Rejected(string text, string expected) =>
        Assert.Equal(expected, ParseError(text));

    [Fact]
    public void Parse_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PolicyGroupExpression.Parse(null!, _members));
        Assert.Throws<ArgumentNullException>(() => PolicyGroupExpression.Parse("true", null!));
    }
}

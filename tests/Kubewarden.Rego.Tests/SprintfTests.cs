using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;

namespace Kubewarden.Rego.Tests;

/// <summary>sprintf is Go's fmt.Sprintf over the values as OPA converts them; expected texts are what Go prints.</summary>
public sealed class SprintfTests
{
    // OPA's test cases (test/cases/testdata sprintf, topdown string builtins) that hold for today's OPA.
    [Theory]
    [InlineData("%s", "[123456789123456789123]", "123456789123456789123")]
    [InlineData("%s", "[1208925819614629174706175]", "1208925819614629174706175")]
    [InlineData("%v", "[\"hello!\"]", "hello!")]
    [InlineData("%d %s %v", "[13, 1208925819614629174706175, \"hello!\"]", "13 1208925819614629174706175 hello!")]
    [InlineData("hi", "[]", "hi")]
    [InlineData("hi %s", "[\"there\"]", "hi there")]
    [InlineData("hi %02d", "[5]", "hi 05")]
    [InlineData("hi %02X.%02X", "[127, 1]", "hi 7F.01")]
    [InlineData("hi %.2f", "[3.1415]", "hi 3.14")]
    [InlineData("hi %v", "[2e308]", "hi 2e308")]
    [InlineData("hi %s", "[true]", "hi true")]
    [InlineData("hi %v", "[[\"there\", 5, 3.14]]", "hi [\"there\", 5, 3.14]")]
    public void Formats_the_cases_of_OPAs_own_tests(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Integers (no fraction, no exponent, within 64 bits) are Go ints: %f and friends do not convert them.
    [Theory]
    [InlineData("%d", "[42]", "42")]
    [InlineData("%v", "[-42]", "-42")]
    [InlineData("%5d|%-5d|%05d", "[42, 42, 42]", "   42|42   |00042")]
    [InlineData("%+d|% d|%+d", "[42, 42, -42]", "+42| 42|-42")]
    [InlineData("%.3d|%6.3d|%06.3d", "[7, 7, 7]", "007|   007|   007")]
    [InlineData("%.0d|%5.0d|", "[0, 0]", "|     |")]
    [InlineData("%b|%o|%O|%x|%X", "[10, 10, 10, 255, 255]", "1010|12|0o12|ff|FF")]
    [InlineData("%#b|%#o|%#x|%#X", "[5, 8, 255, 255]", "0b101|010|0xff|0XFF")]
    [InlineData("%#08x|%08x", "[1, 1]", "0x00000001|00000001")]
    [InlineData("%x|%X", "[-255, -255]", "-ff|-FF")]
    [InlineData("%d|%d", "[9223372036854775807, -9223372036854775808]", "9223372036854775807|-9223372036854775808")]
    [InlineData("%c%c|%c", "[72, 105, 128512]", "Hi|😀")]
    [InlineData("%c|%c|%c", "[-1, 1114112, 55296]", "\uFFFD|\uFFFD|\uFFFD")]
    [InlineData("%q|%+q|%q", "[65, 233, 10]", "'A'|'\\u00e9'|'\\n'")]
    [InlineData("%U|%#U|%.6U|%#U", "[65, 233, 1, 10]", "U+0041|U+00E9 'é'|U+000001|U+000A")]
    [InlineData("%-+05d|", "[5]", "+5   |")]
    [InlineData("%d", "[1.0]", "%!d(float64=1)")]
    [InlineData("%d", "[1e2]", "%!d(float64=100)")]
    [InlineData("%s|%v", "[13, 13]", "%!s(int=13)|13")]
    [InlineData("%f|%e|%g", "[13, 13, 13]", "%!f(int=13)|%!e(int=13)|%!g(int=13)")]
    [InlineData("%t", "[1]", "%!t(int=1)")]
    [InlineData("%p|%p|%p|%5T", "[5, \"s\", 1.5, 1]", "%!p(int=5)|%!p(string=s)|%!p(float64=1.5)|  int")]
    [InlineData("%.3f %v %v", "[13, 2424284525425, \"hello!\"]", "%!f(int=013) 2424284525425 hello!")]
    [InlineData("%.3f %d %[1]v", "[13, 45835334]", "%!f(int=013) 45835334 13")]
    public void Formats_integers_as_Go_formats_an_int(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Integers beyond 64 bits are *big.Int, which formats itself (its own text for unsupported verbs).
    [Theory]
    [InlineData("%d", "[9223372036854775808]", "9223372036854775808")]
    [InlineData("%v|%s", "[-123456789012345678901234567890, 123456789012345678901234567890]", "-123456789012345678901234567890|123456789012345678901234567890")]
    [InlineData("%x|%X|%o|%O|%b", "[18446744073709551616, 18446744073709551616, 18446744073709551616, 18446744073709551616, 18446744073709551616]", "10000000000000000|10000000000000000|2000000000000000000000|0o2000000000000000000000|10000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("%#x|%#o|%#b", "[18446744073709551616, 18446744073709551616, 18446744073709551616]", "0x10000000000000000|02000000000000000000000|0b10000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("%25d|%-25d|%025d|%+d|% d", "[9223372036854775808, 9223372036854775808, 9223372036854775808, 9223372036854775808, 9223372036854775808]", "      9223372036854775808|9223372036854775808      |0000009223372036854775808|+9223372036854775808| 9223372036854775808")]
    [InlineData("%.25d|%030.25d", "[9223372036854775808, 9223372036854775808]", "0000009223372036854775808|     0000009223372036854775808")]
    [InlineData("%+v|%#v", "[9223372036854775808, 9223372036854775808]", "+9223372036854775808|9223372036854775808")]
    [InlineData("%x", "[-9223372036854775809]", "-8000000000000001")]
    [InlineData("%c|%q|%f|%t", "[9223372036854775808, 9223372036854775808, 9223372036854775808, 9223372036854775808]", "%!c(big.Int=9223372036854775808)|%!q(big.Int=9223372036854775808)|%!f(big.Int=9223372036854775808)|%!t(big.Int=9223372036854775808)")]
    [InlineData("%T", "[9223372036854775808]", "*big.Int")]
    public void Formats_integers_beyond_64_bits_as_Go_formats_a_big_Int(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Numbers written with a fraction or exponent are float64; out of range they stay their text (a string).
    [Theory]
    [InlineData("%v|%v|%v|%v", "[0.1, 1.5, -2.25, 1.0]", "0.1|1.5|-2.25|1")]
    [InlineData("%v|%v|%v", "[1e21, 1e20, 123456789.0]", "1e+21|1e+20|1.23456789e+08")]
    [InlineData("%v|%v|%v", "[100000.0, 1000000.0, 0.0001]", "100000|1e+06|0.0001")]
    [InlineData("%v|%v", "[0.00001, 0.30000000000000004]", "1e-05|0.30000000000000004")]
    [InlineData("%g|%G|%g", "[1e21, 1e-10, 0.000012345]", "1e+21|1E-10|1.2345e-05")]
    [InlineData("%e|%E|%.2e|%.0e", "[1e21, 1e21, 12345.678, 2.5]", "1.000000e+21|1.000000E+21|1.23e+04|2e+00")]
    [InlineData("%f|%.2f|%.0f|%F", "[3.14159, 3.14159, 3.14159, 1e21]", "3.141590|3.14|3|1000000000000000000000.000000")]
    [InlineData("%.0f|%.0f|%.0f|%.0f", "[0.5, 1.5, 2.5, 3.5]", "0|2|2|4")]
    [InlineData("%.2f|%.1f|%.2f", "[1.005, 0.25, 2.675]", "1.00|0.2|2.67")]
    [InlineData("%.3g|%.10g|%.5g", "[1234.5678, 1234.5678, 0.000012345]", "1.23e+03|1234.5678|1.2345e-05")]
    [InlineData("%8.3f|%-8.3f|%08.3f|%+08.3f|% .3f", "[3.14159, 3.14159, -3.14159, 3.14159, 3.14159]", "   3.142|3.142   |-003.142|+003.142| 3.142")]
    [InlineData("%+v|%+.1f|% e", "[1.5, 1.5, 1.5]", "1.5|+1.5| 1.500000e+00")]
    [InlineData("%#g|%#.3g|%#.0f|%#.0e|%#v", "[1.0, 1.0, 2.0, 2.0, 1.0]", "1.00000|1.00|2.|2.e+00|1")]
    [InlineData("%x|%X|%.3x|%.0x", "[1.0, -3.75, 1.0, 1.5]", "0x1p+00|-0X1.EP+01|0x1.000p+00|0x1p+01")]
    [InlineData("%b|%b", "[1.0, 0.1]", "4503599627370496p-52|7205759403792794p-56")]
    [InlineData("%v|%v|%e", "[-0.0, 5e-324, 1.7976931348623157e308]", "-0|5e-324|1.797693e+308")]
    [InlineData("%.30f", "[0.1]", "0.100000000000000005551115123126")]
    [InlineData("%.20e", "[0.1]", "1.00000000000000005551e-01")]
    [InlineData("%v|%s|%f", "[2e308, 2e308, 2e308]", "2e308|2e308|%!f(string=2e308)")]
    [InlineData("%v", "[1e-400]", "0")]
    [InlineData("%d|%s|%c|%T", "[1.5, 1.5, 1.5, 1.5]", "%!d(float64=1.5)|%!s(float64=1.5)|%!c(float64=1.5)|float64")]
    public void Formats_numbers_with_a_fraction_or_exponent_as_Go_formats_a_float64(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Strings: width and precision count runes, %x counts UTF-8 bytes, %q quotes like strconv.Quote.
    [Theory]
    [InlineData("%s|%v|%q", "[\"hello!\", \"hello!\", \"hello!\"]", "hello!|hello!|\"hello!\"")]
    [InlineData("%8s|%-8s|%08s|", "[\"abc\", \"abc\", \"abc\"]", "     abc|abc     |00000abc|")]
    [InlineData("%.2s|%5.1s|%.0s|", "[\"日本語\", \"abc\", \"abc\"]", "日本|    a||")]
    [InlineData("%q|%+q|%#q|%#q", "[\"é\\n\\t\\\"\\\\\", \"é\", \"ab\", \"a`b\"]", "\"é\\n\\t\\\"\\\\\"|\"\\u00e9\"|`ab`|\"a`b\"")]
    [InlineData("%q", "[\"\\u0007\\u007f\\u0080\\u00ad\\u00a0\\u200b\\ufeff\"]", "\"\\a\\x7f\\u0080\\u00ad\\u00a0\\u200b\\ufeff\"")]
    [InlineData("%+q|%q", "[\"😀\", \"😀\"]", "\"\\U0001f600\"|\"😀\"")]
    [InlineData("%x|%X|% x|%#x|%# X", "[\"hi\", \"hi\", \"hi\", \"hi\", \"hi\"]", "6869|6869|68 69|0x6869|0X68 0X69")]
    [InlineData("%.1x|%6x|%-6x|%06x|%x|%4x|", "[\"héllo\", \"hi\", \"hi\", \"hi\", \"\", \"\"]", "68|  6869|6869  |006869||    |")]
    [InlineData("%#v|%+v", "[\"a`b\", \"é\"]", "\"a`b\"|é")]
    [InlineData("%d|%t|%e|%c|%U", "[\"hi\", \"hi\", \"hi\", \"hi\", \"hi\"]", "%!d(string=hi)|%!t(string=hi)|%!e(string=hi)|%!c(string=hi)|%!U(string=hi)")]
    [InlineData("%6d|%-6t|", "[\"hi\", \"hi\"]", "%!d(string=    hi)|%!t(string=hi    )|")]
    [InlineData("%T|%10T|%.3T", "[\"x\", \"x\", \"x\"]", "string|    string|str")]
    [InlineData("%s", "[\"%d\"]", "%d")]
    public void Formats_strings_as_Go_formats_a_string(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Booleans, null, arrays and objects are passed as the string of their Rego text (object keys sorted).
    [Theory]
    [InlineData("%v|%s|%t", "[true, false, true]", "true|false|%!t(string=true)")]
    [InlineData("%v|%q|%d", "[null, null, null]", "null|\"null\"|%!d(string=null)")]
    [InlineData("%v", "[[\"there\", 5, 3.14]]", "[\"there\", 5, 3.14]")]
    [InlineData("%v", "[[]]", "[]")]
    [InlineData("%v|%v", "[{}, {\"b\": 1, \"a\": \"x\", \"Z\": null}]", "{}|{\"Z\": null, \"a\": \"x\", \"b\": 1}")]
    [InlineData("%s", "[{\"é\": 1, \"z\": 2, \"\\ud83d\\ude00\": 3, \"\\uffff\": 4}]", "{\"z\": 2, \"é\": 1, \"\\uffff\": 4, \"😀\": 3}")]
    [InlineData("%v", "[[\"a\\\"b\", {\"k\": [1.50, 1E2, -0]}]]", "[\"a\\\"b\", {\"k\": [1.50, 1E2, -0]}]")]
    [InlineData("%q", "[[1, \"a\"]]", "\"[1, \\\"a\\\"]\"")]
    [InlineData("%x", "[[1]]", "5b315d")]
    [InlineData("%T|%T", "[true, [1]]", "string|string")]
    [InlineData("%.3v|%10v|", "[[1, 2], true]", "[1,|      true|")]
    public void Formats_other_values_as_their_Rego_text(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    // Argument indexes, * width and precision, and Go's in-line error texts.
    [Theory]
    [InlineData("hi", "[]", "hi")]
    [InlineData("100%%|%5%|%-5%", "[]", "100%|%|%")]
    [InlineData("%d %d", "[1]", "1 %!d(MISSING)")]
    [InlineData("%s", "[]", "%!s(MISSING)")]
    [InlineData("%d", "[1, \"x\", 2.5, 9223372036854775808, true]", "1%!(EXTRA string=x, float64=2.5, *big.Int=9223372036854775808, string=true)")]
    [InlineData("%[2]d %[1]d", "[1, 2]", "2 1")]
    [InlineData("%[1]d %d %d", "[1, 2]", "1 2 %!d(MISSING)")]
    [InlineData("%d %[1]d", "[1, 2, 3]", "1 1")]
    [InlineData("%[3]d|%[0]d|%[x]d|%[]d|%[1", "[1, 2]", "%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)|%!(NOVERB)")]
    [InlineData("%[1]2d|%[1].2d", "[1]", "%!d(BADINDEX)|%!d(BADINDEX)")]
    [InlineData("%[2]*[1]d|", "[12, 5]", "   12|")]
    [InlineData("%*d|%-*d|%*d|", "[5, 12, 5, 12, -5, 12]", "   12|12   |12   |")]
    [InlineData("%*d|%*d|%*d|", "[\"x\", 1, 2.0, 1, 1000001, 1]", "%!(BADWIDTH)1|%!(BADWIDTH)1|%!(BADWIDTH)1|")]
    [InlineData("%.*f|%.*f|%.*f", "[2, 3.14159, -2, 3.14159, \"a\", 3.14159]", "3.14|%!(BADPREC)3.141590|%!(BADPREC)3.141590")]
    [InlineData("%*d", "[]", "%!(BADWIDTH)%!d(MISSING)")]
    [InlineData("%", "[]", "%!(NOVERB)")]
    [InlineData("%-", "[1]", "%!(NOVERB)%!(EXTRA int=1)")]
    [InlineData("%5", "[1]", "%!(NOVERB)%!(EXTRA int=1)")]
    [InlineData("%.", "[1]", "%!.(int=1)")]
    [InlineData("%10000000000d", "[1]", "%!(NOVERB)%!(EXTRA int=1)")]
    [InlineData("%!|%z|%😀", "[1, 1, 1]", "%!!(int=1)|%!z(int=1)|%!😀(int=1)")]
    [InlineData("%[3]*.[2]*[1]f", "[12.0, 2, 6]", " 12.00")]
    [InlineData("%-+ #0d", "[5]", "+5")]
    [InlineData("%.3[1]f %d %v", "[13, \"hello!\"]", "%!f(int=013) %!d(string=hello!) %!v(MISSING)")]
    public void Handles_indexes_star_arguments_and_mistakes_as_Go_does(string format, string values, string expected) =>
        Assert.Equal(expected, Sprintf(format, values));

    [Theory]
    [InlineData("42", "[]", "sprintf: operand 1 must be string but got number")]
    [InlineData("null", "[]", "sprintf: operand 1 must be string but got null")]
    [InlineData("\"%d\"", "{\"a\": 1}", "sprintf: operand 2 must be array but got object")]
    [InlineData("\"%d\"", "\"1\"", "sprintf: operand 2 must be array but got string")]
    [InlineData("\"%d\"", "1", "sprintf: operand 2 must be array but got number")]
    public void Refuses_a_format_that_is_not_a_string_or_values_that_are_not_an_array(string format, string values, string message) =>
        Assert.Equal(message, BuiltinHarness.Fails("sprintf", format, values).Message);

    [Fact]
    public void Is_registered_with_two_operands() => Assert.Equal(2, RegoBuiltins.All["sprintf"].Arity);

    private static string Sprintf(string format, string values) =>
        JsonNode.Parse(BuiltinHarness.Call("sprintf", JsonValue.Create(format).ToJsonString(), values))!.GetValue<string>();
}

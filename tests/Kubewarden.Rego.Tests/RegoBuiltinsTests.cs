using Kubewarden.Rego.Builtins;

namespace Kubewarden.Rego.Tests;

public sealed class RegoBuiltinsTests
{
    [Fact]
    public void The_host_implements_every_builtin_Kubewarden_implements()
    {
        string[] kubewarden =
        [
            "trace", "base64url.encode_no_pad", "urlquery.encode", "urlquery.decode", "urlquery.encode_object",
            "urlquery.decode_object", "json.is_valid", "yaml.marshal", "yaml.unmarshal", "yaml.is_valid", "hex.encode",
            "hex.decode", "glob.quote_meta", "json.patch", "regex.split", "regex.template_match", "regex.find_n",
            "semver.is_valid", "semver.compare", "sprintf", "time.now_ns", "parse_rfc3339_ns", "date",
        ];

        // Kubewarden registers these two under names compiled modules never ask for; OPA's names are there too.
        string[] opaNames = ["time.parse_rfc3339_ns", "time.date"];

        Assert.Empty(RegoBuiltins.Missing(kubewarden));
        Assert.Equal(kubewarden.Concat(opaNames).Order(StringComparer.Ordinal), RegoBuiltins.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_lists_the_unknown_names_once_and_sorted()
    {
        Assert.Equal(["net.cidr_merge", "opa.runtime"], RegoBuiltins.Missing(["sprintf", "opa.runtime", "net.cidr_merge", "opa.runtime"]));
    }

    [Fact]
    public void A_wrong_argument_type_names_the_operand_and_both_types()
    {
        var error = BuiltinHarness.Fails("hex.encode", "42");
        Assert.Equal("hex.encode: operand 1 must be string but got number", error.Message);
    }
}

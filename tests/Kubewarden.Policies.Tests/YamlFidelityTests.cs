using System.Text.Json;

namespace Kubewarden.Policies.Tests;

public sealed class YamlFidelityTests
{
    private static JsonElement Settings(string settingsYaml)
    {
        var indented = string.Join("\n", settingsYaml.Split('\n').Select(line => "    " + line));
        var document = TestLoad.Ok($"p:\n  module: file:///x.wasm\n  settings:\n{indented}\n");
        return TestLoad.Single(document, "p").Policy.Settings!.Value;
    }

    private static string SettingsJson(string settingsYaml)
    {
        var indented = string.Join("\n", settingsYaml.Split('\n').Select(line => "    " + line));
        var document = TestLoad.Ok($"p:\n  module: file:///x.wasm\n  settings:\n{indented}\n");
        return TestLoad.Single(document, "p").Policy.SettingsJson!;
    }

    [Fact]
    public void Scalars_keep_their_yaml_types()
    {
        var settings = Settings("""
            int: 42
            negative: -7
            big: 18446744073709551615
            hex: 0x1F
            octal: 0o17
            float: 2.5
            exp: 1e3
            yes_bool: true
            no_bool: False
            nothing: null
            tilde: ~
            empty:
            quoted_true: "true"
            quoted_int: '42'
            quoted_null: "null"
            word_yes: yes
            word_on: on
            leading_zero: 0123
            version: 1.10
            inf: .inf
            str_tag: !!str 17
            """);
        Assert.Equal(JsonValueKind.Number, settings.GetProperty("int").ValueKind);
        Assert.Equal(42, settings.GetProperty("int").GetInt32());
        Assert.Equal(-7, settings.GetProperty("negative").GetInt32());
        Assert.Equal(ulong.MaxValue, settings.GetProperty("big").GetUInt64());
        Assert.Equal(31, settings.GetProperty("hex").GetInt32());
        Assert.Equal(15, settings.GetProperty("octal").GetInt32());
        Assert.Equal(2.5, settings.GetProperty("float").GetDouble());
        Assert.Equal("1000.0", settings.GetProperty("exp").GetRawText());
        Assert.Equal(JsonValueKind.True, settings.GetProperty("yes_bool").ValueKind);
        Assert.Equal(JsonValueKind.False, settings.GetProperty("no_bool").ValueKind);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("nothing").ValueKind);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("tilde").ValueKind);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("empty").ValueKind);
        Assert.Equal("true", settings.GetProperty("quoted_true").GetString());
        Assert.Equal("42", settings.GetProperty("quoted_int").GetString());
        Assert.Equal("null", settings.GetProperty("quoted_null").GetString());
        Assert.Equal("yes", settings.GetProperty("word_yes").GetString());
        Assert.Equal("on", settings.GetProperty("word_on").GetString());
        Assert.Equal("0123", settings.GetProperty("leading_zero").GetString());
        Assert.Equal("1.1", settings.GetProperty("version").GetRawText());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("inf").ValueKind);
        Assert.Equal("17", settings.GetProperty("str_tag").GetString());
    }

    [Fact]
    public void Nested_structures_and_block_scalars_convert_faithfully()
    {
        Assert.Equal(
            """{"empty_list":[],"empty_map":{},"lists":[[1,2],["a",{"b":true}]],"literal":"line1\nline2\n","map":{"inner":{"x":null}}}""",
            SettingsJson("""
                lists:
                  - [1, 2]
                  - - a
                    - b: true
                map:
                  inner: {x: ~}
                empty_list: []
                empty_map: {}
                literal: |
                  line1
                  line2
                """));
    }

    [Fact]
    public void Anchors_and_aliases_are_expanded()
    {
        Assert.Equal(
            """{"a":{"k":[1,2]},"b":{"k":[1,2]}}""",
            SettingsJson("""
                a: &shared {k: [1, 2]}
                b: *shared
                """));
    }

    [Fact]
    public void Keys_are_sorted_like_serde_json()
    {
        Assert.Equal("""{"A":1,"a":2,"b":3,"é":4}""", SettingsJson("b: 3\né: 4\na: 2\nA: 1"));
    }

    [Fact]
    public void Non_ascii_strings_survive()
    {
        Assert.Equal("héllo \"wörld\" ☃", Settings("s: 'héllo \"wörld\" ☃'").GetProperty("s").GetString());
    }

    [Fact]
    public void Settings_survive_the_source_document()
    {
        var element = Settings("a: [1, {b: c}]");
        GC.Collect();
        Assert.Equal("""{"a":[1,{"b":"c"}]}""", JsonSerializer.Serialize(element));
    }

    [Fact]
    public void Scalars_in_string_fields_use_their_text()
    {
        var document = TestLoad.Ok("p:\n  module: file:///x.wasm\n  message: 42\n  hostCapabilities: [true, 1.0]\n");
        var policy = TestLoad.Single(document, "p");
        Assert.Equal("42", policy.Message);
        Assert.Equal(["true", "1.0"], policy.Policy.HostCapabilities);
    }
}

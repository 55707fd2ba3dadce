namespace Kubewarden.Oci.Tests;

public sealed class AuthChallengeTests
{
    [Fact]
    public void ParsesQuotedParametersWithCommas()
    {
        var parameters = AuthChallenge.ParseParameters(
            "realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"");

        Assert.Equal("https://auth.example/token", parameters["realm"]);
        Assert.Equal("registry.example", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
        Assert.Equal("insufficient_scope", parameters["error"]);
    }

    [Fact]
    public void ParsesUnquotedParameters()
    {
        var parameters = AuthChallenge.ParseParameters("Realm=reg, charset=UTF-8");

        Assert.Equal("reg", parameters["realm"]);
        Assert.Equal("UTF-8", parameters["charset"]);
    }
}

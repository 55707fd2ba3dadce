namespace Kubewarden.Policies.Tests;

internal static class TestLoad
{
    public static PoliciesDocument Ok(string content)
    {
        var result = PoliciesFileLoader.Load(content, "policies.yml");
        Assert.True(result.Success, result.FormatErrors());
        return result.Document;
    }

    public static IReadOnlyList<string> Errors(string content)
    {
        var result = PoliciesFileLoader.Load(content, "policies.yml");
        Assert.False(result.Success);
        Assert.Null(result.Document);
        Assert.NotEmpty(result.Errors);
        return [.. result.Errors.Select(error => error.Message)];
    }

    public static SinglePolicyConfig Single(PoliciesDocument document, string id) =>
        Assert.IsType<SinglePolicyConfig>(document.Find(id));

    public static PolicyGroupConfig Group(PoliciesDocument document, string id) =>
        Assert.IsType<PolicyGroupConfig>(document.Find(id));
}

using Kubewarden.LoadTests.Suite;
using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Tests.Suite;

public sealed class ShippedScenariosTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("kw-load-shipped-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Prepares_a_policies_file_with_absolute_modules_and_every_scenario_of_it()
    {
        var shipped = ShippedScenarios.Prepare(PolicyServerLocator.RepositoryRoot(), _work.FullName);

        var policies = File.ReadAllText(shipped.PoliciesFile);
        Assert.DoesNotContain("@", policies, StringComparison.Ordinal);
        Assert.All(shipped.Scenarios, s => Assert.Contains(s.Endpoint.AbsolutePath.Split('/')[^1] + ":", policies, StringComparison.Ordinal));
        Assert.Contains(shipped.Headline, shipped.Scenarios.Select(s => s.Name));
        Assert.Equal(["no-privileged-pods", "monitor-mode", "mutating", "policy-group", "exempt-namespace"], shipped.Scenarios.Take(5).Select(s => s.Name));
        Assert.Contains("allowedToMutate: true", policies, StringComparison.Ordinal);
    }
}

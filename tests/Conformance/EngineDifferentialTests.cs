using Kubewarden.Wasm;
using Kubewarden.Tests.Shared;

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// Every runnable corpus case gives byte-identical results on every engine (AdmissionReview, policy output, host
/// calls); a difference fails and prints both.
/// </summary>
public sealed class EngineDifferentialTests : IClassFixture<AllEnginesFixture>
{
    private readonly AllEnginesFixture _engines;

    public EngineDifferentialTests(AllEnginesFixture engines)
    {
        _engines = engines;
    }

    public static IEnumerable<TheoryDataRow<string>> Cases() => CorpusConformanceTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void CorpusCase_OnEveryEngine_GivesByteIdenticalResults(string name)
    {
        var testCase = Corpus.Cases().Single(c => c.Name == name);
        var observations = _engines.All.Select(engine => (engine.Name, Seen: new CaseRunner(engine, testCase).Observe())).ToArray();

        foreach (var (engine, seen) in observations.Skip(1))
        {
            Assert.True(seen == observations[0].Seen,
                $"{name}:{Environment.NewLine}{observations[0].Name}: {observations[0].Seen}{Environment.NewLine}{engine}: {seen}");
        }
    }
}

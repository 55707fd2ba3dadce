namespace Kubewarden.Conformance.Tests;

/// <summary>Every case of the real-policy corpus, on the Wasmtime engine.</summary>
public sealed class CorpusConformanceTests(EngineFixture fixture)
{
    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var testCase in Corpus.Cases())
        {
            names.Add(testCase.Name);
        }

        if (names.Count == 0)
        {
            names.Add("corpus-absent");
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CorpusCase_RunsAsItsRepositoryAsserts(string name)
    {
        if (Corpus.Root is null)
        {
            Assert.Skip(Corpus.AbsentReason);
        }

        var testCase = Corpus.Cases().Single(c => c.Name == name);
        if (CaseRunner.SkipReason(testCase) is { } reason)
        {
            Assert.Skip(reason);
        }

        new CaseRunner(fixture.Engine, testCase).Run();
    }
}

namespace Kubewarden.Conformance.Tests;

/// <summary>Every case of the real-policy corpus, on the Wasmtime engine.</summary>
public sealed class CorpusConformanceTests(EngineFixture fixture)
{
    private const string Absent = "corpus-absent";

    public static IEnumerable<TheoryDataRow<string>> Cases()
    {
        if (Corpus.Root is null)
        {
            yield return new TheoryDataRow<string>(Absent) { Skip = Corpus.AbsentReason, TestDisplayName = "conformance corpus" };
            yield break;
        }

        foreach (var testCase in Corpus.Cases())
        {
            yield return new TheoryDataRow<string>(testCase.Name)
            {
                TestDisplayName = $"corpus {testCase.Name}",
                Skip = CaseRunner.SkipReason(testCase),
            };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CorpusCase_RunsAsItsRepositoryAsserts(string name)
    {
        var testCase = Corpus.Cases().Single(c => c.Name == name);
        new CaseRunner(fixture.Engine, testCase).Run();
    }
}

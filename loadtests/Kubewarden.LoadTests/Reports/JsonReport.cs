using System.Text.Json;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Suite;

namespace Kubewarden.LoadTests.Reports;

/// <summary>The machine-readable form of a list of results.</summary>
internal static class JsonReport
{
    public static string Serialize(IEnumerable<LoadResult> results) =>
        JsonSerializer.Serialize([.. results], ReportJsonContext.Default.ListLoadResult);

    public static string Serialize(SuiteResult suite) => JsonSerializer.Serialize(suite, ReportJsonContext.Default.SuiteResult);

    public static List<LoadResult> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ReportJsonContext.Default.ListLoadResult)
        ?? throw new JsonException("The report holds no result list.");
}

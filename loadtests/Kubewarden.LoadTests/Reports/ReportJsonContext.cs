using System.Text.Json;
using System.Text.Json.Serialization;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Suite;

namespace Kubewarden.LoadTests.Reports;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(List<LoadResult>))]
[JsonSerializable(typeof(SuiteResult))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

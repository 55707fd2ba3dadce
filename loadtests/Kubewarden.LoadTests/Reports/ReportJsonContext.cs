using System.Text.Json;
using System.Text.Json.Serialization;
using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Reports;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(List<LoadResult>))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

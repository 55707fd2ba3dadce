using System.Text;
using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Reports;

/// <summary>Builds a markdown report section by section: result tables and free text (ratios, goals met or not).</summary>
internal sealed class ReportWriter
{
    private readonly StringBuilder _markdown = new();

    public ReportWriter(string title) => _markdown.Append("# ").AppendLine(title);

    public ReportWriter AddResults(string title, IEnumerable<LoadResult> results) =>
        AddSection(title, ResultTable.ToMarkdown(results));

    public ReportWriter AddSection(string title, string text)
    {
        _markdown.AppendLine().Append("## ").AppendLine(title).AppendLine().AppendLine(text.TrimEnd());
        return this;
    }

    public override string ToString() => _markdown.ToString();
}

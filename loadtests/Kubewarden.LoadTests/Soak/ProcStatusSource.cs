using System.Globalization;

namespace Kubewarden.LoadTests.Soak;

/// <summary>VmRSS of a local process from <c>/proc/&lt;pid&gt;/status</c>; the kernel knows no GC counts.</summary>
internal sealed class ProcStatusSource(int pid) : IMemorySource
{
    private readonly string _path = $"/proc/{pid}/status";

    public string Description => _path;

    public async Task<MemoryReading> ReadAsync(CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(_path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MemoryReading.NotAvailable;
        }

        // "VmRSS:	  123456 kB"
        var line = lines.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var fields = line?["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields is [var kilobytes, "kB"] && long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new MemoryReading(value / 1024.0, null, null, null)
            : MemoryReading.NotAvailable;
    }
}

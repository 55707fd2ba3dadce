using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Tests.Soak;

public sealed class ProcStatusSourceTests
{
    [Fact]
    public async Task ReadsTheRss_OfTheCurrentProcess()
    {
        var reading = await new ProcStatusSource(Environment.ProcessId).ReadAsync(TestContext.Current.CancellationToken);

        Assert.InRange(reading.RssMiB.GetValueOrDefault(), 1, 65536);
        Assert.Null(reading.Gen0Collections);
    }

    [Fact]
    public async Task MissingProcess_IsNotAvailable()
    {
        var reading = await new ProcStatusSource(int.MaxValue).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MemoryReading.NotAvailable, reading);
    }
}

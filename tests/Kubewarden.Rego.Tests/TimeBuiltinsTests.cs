using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Rego.Tests;

public sealed class TimeBuiltinsTests
{
    [Fact]
    public void Now_ns_is_the_start_of_the_evaluation_in_nanoseconds_and_stays_so()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddSeconds(1_517_814_000).AddTicks(1_234_567));
        var context = new RegoBuiltinContext(clock, NullLogger.Instance);
        var nowNs = RegoBuiltins.All["time.now_ns"].Function;

        var first = nowNs(context, [])!.ToJsonString();
        clock.Now = clock.Now.AddMinutes(5);
        var second = nowNs(context, [])!.ToJsonString();

        Assert.Equal("1517814000123456700", first);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("1677-09-21T00:12:43.145224192-00:00", "-9223372036854775808")]
    [InlineData("1970-01-01T00:00:00-00:00", "0")]
    [InlineData("2017-06-02T19:00:00-07:00", "1496455200000000000")]
    [InlineData("2262-04-11T23:47:16.854775807-00:00", "9223372036854775807")]
    [InlineData("2017-06-02T19:00:00Z", "1496430000000000000")]
    [InlineData("2017-06-02T19:00:00.5Z", "1496430000500000000")]
    [InlineData("2017-06-02T19:00:00,5Z", "1496430000500000000")]
    [InlineData("2017-06-02T19:00:00.1234567891Z", "1496430000123456789")]
    [InlineData("2017-06-02T9:00:00Z", "1496394000000000000")]
    [InlineData("2017-06-02T19:00:00+05:30", "1496410200000000000")]
    [InlineData("2016-02-29T00:00:00Z", "1456704000000000000")]
    public void Parse_rfc3339_ns_reads_timestamps_as_Go_does(string timestamp, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("time.parse_rfc3339_ns", $@"""{timestamp}"""));
        Assert.Equal(expected, BuiltinHarness.Call("parse_rfc3339_ns", $@"""{timestamp}"""));
    }

    [Theory]
    [InlineData("1677-09-21T00:12:43.145224191-00:00", "time outside of valid range")]
    [InlineData("2262-04-11T23:47:16.854775808-00:00", "time outside of valid range")]
    [InlineData("0000-01-01T00:00:00Z", "time outside of valid range")]
    [InlineData("2017-06-02", @"parsing time ""2017-06-02"" as ""2006-01-02T15:04:05Z07:00"": cannot parse """" as ""T""")]
    [InlineData("2017-06-02t19:00:00Z", @"parsing time ""2017-06-02t19:00:00Z"" as ""2006-01-02T15:04:05Z07:00"": cannot parse ""t19:00:00Z"" as ""T""")]
    [InlineData("17-06-02T19:00:00Z", @"parsing time ""17-06-02T19:00:00Z"" as ""2006-01-02T15:04:05Z07:00"": cannot parse ""17-06-02T19:00:00Z"" as ""2006""")]
    [InlineData("2017-06-02T19:00:00", @"parsing time ""2017-06-02T19:00:00"" as ""2006-01-02T15:04:05Z07:00"": cannot parse """" as ""Z07:00""")]
    [InlineData("2017-06-02T19:00:00+0700", @"parsing time ""2017-06-02T19:00:00+0700"" as ""2006-01-02T15:04:05Z07:00"": cannot parse ""+0700"" as ""Z07:00""")]
    [InlineData("2017-13-02T19:00:00Z", @"parsing time ""2017-13-02T19:00:00Z"": month out of range")]
    [InlineData("2017-02-29T19:00:00Z", @"parsing time ""2017-02-29T19:00:00Z"": day out of range")]
    [InlineData("2017-06-02T24:00:00Z", @"parsing time ""2017-06-02T24:00:00Z"": hour out of range")]
    [InlineData("2017-06-02T19:00:60Z", @"parsing time ""2017-06-02T19:00:60Z"": second out of range")]
    [InlineData("2017-06-02T19:00:00+25:00", @"parsing time ""2017-06-02T19:00:00+25:00"": time zone offset hour out of range")]
    [InlineData("2017-06-02T19:00:00Zjunk", @"parsing time ""2017-06-02T19:00:00Zjunk"": extra text: ""junk""")]
    public void Parse_rfc3339_ns_rejects_what_Go_rejects(string timestamp, string message)
    {
        Assert.Equal($"time.parse_rfc3339_ns: {message}", BuiltinHarness.Fails("time.parse_rfc3339_ns", $@"""{timestamp}""").Message);
    }

    [Fact]
    public void Parse_rfc3339_ns_wants_a_string()
    {
        Assert.Equal("time.parse_rfc3339_ns: operand 1 must be string but got number", BuiltinHarness.Fails("time.parse_rfc3339_ns", "1").Message);
    }

    [Theory]
    [InlineData("1517814000000000000", "[2018,2,5]")]
    [InlineData("1.5e18", "[2017,7,14]")]
    [InlineData("-1", "[1969,12,31]")]
    [InlineData("[1517800000000000000]", "[2018,2,5]")]
    [InlineData(@"[1517800000000000000, """"]", "[2018,2,5]")]
    [InlineData(@"[1517800000000000000, ""UTC""]", "[2018,2,5]")]
    [InlineData(@"[1517800000000000000, ""America/New_York""]", "[2018,2,4]")]
    [InlineData(@"[1517800000000000000, ""US/Pacific""]", "[2018,2,4]")]
    [InlineData(@"[1517800000000000000, ""Asia/Tokyo"", ""RFC3339""]", "[2018,2,5]")]
    public void Date_gives_year_month_and_day_in_the_time_zone(string timestamp, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("time.date", timestamp));
        Assert.Equal(expected, BuiltinHarness.Call("date", timestamp));
    }

    [Fact]
    public void Date_in_the_local_zone_is_the_server_s_date()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UnixEpoch.AddSeconds(1_517_800_000), TimeZoneInfo.Local);
        Assert.Equal($"[{local.Year},{local.Month},{local.Day}]", BuiltinHarness.Call("time.date", @"[1517800000000000000, ""Local""]"));
    }

    [Theory]
    [InlineData("1582977600000000000000", "time.date: timestamp too big")]
    [InlineData("1.5", "time.date: timestamp too big")]
    [InlineData(@"""1517814000000000000""", "time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string")]
    [InlineData("[]", "time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got array")]
    [InlineData(@"[""0""]", "time.date: operand 1 must be number but got string")]
    [InlineData("[0, 1]", "time.date: operand 1 must be string but got number")]
    [InlineData(@"[0, ""UTC"", 1]", "time.date: operand 1 must be string but got number")]
    [InlineData(@"[0, ""Mars/Olympus_Mons""]", "time.date: unknown time zone Mars/Olympus_Mons")]
    [InlineData(@"[0, ""Pacific Standard Time""]", "time.date: unknown time zone Pacific Standard Time")]
    public void Date_rejects_what_OPA_rejects(string timestamp, string message)
    {
        Assert.Equal(message, BuiltinHarness.Fails("time.date", timestamp).Message);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

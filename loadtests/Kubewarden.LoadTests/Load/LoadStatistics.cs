using System.Diagnostics;
using HdrHistogram;

namespace Kubewarden.LoadTests.Load;

/// <summary>
/// Records request outcomes from many threads. Latencies go to an HdrHistogram recorder (microseconds, 3 significant
/// digits) that is drained into the per-second progress view and, once measuring started, into the measured
/// histogram; draining at the start of measurement is what leaves the warm-up out.
/// </summary>
internal sealed class LoadStatistics
{
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly Recorder _recorder = new(1, HighestMicroseconds, 3, CreateConcurrentHistogram);
    private readonly ErrorCounter _errors = new();
    private readonly LongHistogram _measured = new(HighestMicroseconds, 3);
    private readonly LongHistogram _sinceLastInterval = new(HighestMicroseconds, 3);
    private readonly Lock _lock = new();
    private HistogramBase? _drained;
    private Dictionary<string, long> _errorsAtMeasurementStart = [];
    private Dictionary<string, long> _errorsAtLastInterval = [];
    private bool _measuring;

    /// <summary>Records one answered request that started (or was scheduled) at <paramref name="startTimestamp"/>.</summary>
    public void Record(long startTimestamp, string? errorKind)
    {
        if (errorKind is null)
        {
            var microseconds = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
            _recorder.RecordValue(Math.Clamp(microseconds, 0, HighestMicroseconds));
        }
        else
        {
            _errors.Increment(errorKind);
        }
    }

    public void StartMeasuring()
    {
        lock (_lock)
        {
            Drain();
            _errorsAtMeasurementStart = _errors.Snapshot();
            _measuring = true;
        }
    }

    /// <summary>What happened since the previous call; feeds the live progress line.</summary>
    public IntervalSnapshot TakeInterval()
    {
        lock (_lock)
        {
            Drain();
            var errors = _errors.Snapshot();
            var newErrors = errors.Sum(e => e.Value - _errorsAtLastInterval.GetValueOrDefault(e.Key));
            _errorsAtLastInterval = errors;
            var p99 = _sinceLastInterval.TotalCount == 0 ? 0 : _sinceLastInterval.GetValueAtPercentile(99) / 1000.0;
            var snapshot = new IntervalSnapshot(_sinceLastInterval.TotalCount, newErrors, errors.Values.Sum(), p99);
            _sinceLastInterval.Reset();
            return snapshot;
        }
    }

    /// <summary>Stops measuring and returns the successes' latencies and the errors counted while measuring.</summary>
    public (HistogramBase Latencies, Dictionary<string, long> Errors) Finish()
    {
        lock (_lock)
        {
            Drain();
            _measuring = false;
            var errors = _errors.Snapshot()
                .Select(e => (e.Key, Count: e.Value - _errorsAtMeasurementStart.GetValueOrDefault(e.Key)))
                .Where(e => e.Count > 0)
                .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
            return (_measured.Copy(), errors);
        }
    }

    private static HistogramBase CreateConcurrentHistogram(long id, long lowest, long highest, int digits) =>
        new LongConcurrentHistogram(id, lowest, highest, digits);

    private void Drain()
    {
        _drained = _recorder.GetIntervalHistogram(_drained);
        _sinceLastInterval.Add(_drained);
        if (_measuring)
        {
            _measured.Add(_drained);
        }
    }
}

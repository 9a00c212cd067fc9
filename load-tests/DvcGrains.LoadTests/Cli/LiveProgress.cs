using System.Globalization;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Target;
using Spectre.Console;

namespace DvcGrains.LoadTests.Cli;

/// <summary>
/// The run as it goes, one row per scenario over the last second: on a terminal a table redrawn in place, elsewhere
/// (a log, CI) a line every few seconds; nothing with --quiet.
/// </summary>
public sealed class LiveProgress
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly IAnsiConsole _console;
    private readonly RunPlan _plan;
    private readonly IReadOnlyList<ScenarioStats> _stats;
    private readonly ILoadClock _clock;
    private readonly TargetPool _pool;
    private readonly Table _table = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task? _live;
    private LiveDisplayContext? _context;
    /// <summary>When the last lines were written, measured as <c>elapsed</c> is; none yet at first.</summary>
    private TimeSpan? _lastLogged;

    public LiveProgress(IAnsiConsole console, RunPlan plan, IReadOnlyList<ScenarioStats> stats, ILoadClock clock, TargetPool pool)
    {
        _console = console;
        _plan = plan;
        _stats = stats;
        _clock = clock;
        _pool = pool;
        foreach (var column in new[] { "scenario", "time", "intended/s", "ok/s", "failed", "dropped", "in flight", "p50 ms", "p99 ms", "lag p99 ms" })
        {
            _table.AddColumn(new TableColumn(column).RightAligned());
        }
        if (!plan.Quiet && console.Profile.Capabilities.Interactive)
        {
            _live = console.Live(_table).AutoClear(false).StartAsync(async context =>
            {
                _context = context;
                await _finished.Task;
            });
        }
    }

    public void Update()
    {
        if (_plan.Quiet)
        {
            return;
        }
        var elapsed = _clock.Elapsed - _plan.Warmup;
        if (_live is not null)
        {
            Fill(elapsed);
            _context?.Refresh();
        }
        else if (_lastLogged is not { } last || elapsed - last >= LogEvery)
        {
            _lastLogged = elapsed;
            foreach (var stats in _stats)
            {
                _console.WriteLine(Line(stats, elapsed));
            }
        }
    }

    public void Finish()
    {
        _finished.TrySetResult();
        _live?.GetAwaiter().GetResult();
    }

    private void Fill(TimeSpan elapsed)
    {
        _table.Rows.Clear();
        foreach (var stats in _stats)
        {
            var last = stats.Timeline.Count > 0 ? stats.Timeline[^1] : null;
            _table.AddRow(
                Markup.Escape(stats.Name),
                Time(elapsed),
                Number(last?.Intended),
                Number(last?.Ok),
                Number(stats.Steps.Sum(s => s.Failed)),
                Number(stats.Steps.Sum(s => s.Dropped)),
                Number(stats.InFlight),
                Ms(last?.P50Ms),
                Ms(last?.P99Ms),
                Ms(last?.LagP99Ms));
        }
        _table.Caption($"{_pool.ConnectionsOpened} connections to {string.Join(", ", _pool.Targets)}");
    }

    private string Line(ScenarioStats stats, TimeSpan elapsed)
    {
        var last = stats.Timeline.Count > 0 ? stats.Timeline[^1] : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Time(elapsed)} {stats.Name}: {last?.Intended ?? 0}/s intended, {last?.Ok ?? 0}/s ok, failed {stats.Steps.Sum(s => s.Failed)}, dropped {stats.Steps.Sum(s => s.Dropped)}, in flight {stats.InFlight}, p50 {last?.P50Ms ?? 0:0.0} ms, p99 {last?.P99Ms ?? 0:0.0} ms, lag p99 {last?.LagP99Ms ?? 0:0.0} ms");
    }

    private string Time(TimeSpan elapsed) => elapsed < TimeSpan.Zero
        ? "warm-up"
        : $"{DurationText.Format(TimeSpan.FromSeconds(Math.Floor(elapsed.TotalSeconds)))} / {DurationText.Format(_plan.MeasuredDuration)}";

    private static string Number(long? value) => (value ?? 0).ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double? value) => (value ?? 0).ToString("0.0", CultureInfo.InvariantCulture);
}

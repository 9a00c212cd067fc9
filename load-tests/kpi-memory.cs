#:project ../src/DvcGrains.Grains/DvcGrains.Grains.csproj

// What the unit KPI grains of a whole hierarchy keep in memory after DAYS working days on which every unit that
// receives dossiers (provinces, districts on the 2023 hierarchy, communes) received some: the worst case for the split
// by level, which costs only where several levels have activity on one day.
//
//   dotnet run load-tests/kpi-memory.cs -- 2023 22        (edition, working days; 2025 and 22 by default)
//
// It builds, per unit, what UnitKpiGrain holds from the shipped unit file: its own counters, its total by level, and
// each child's contribution as the roll-up's snapshot placed it (ChildContributions). Beside it, the same in the
// layout of the build before the split (a total and each child's contribution as one book), and prints the managed
// heap of each after full collections.
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Kpis;

var edition = args.Length > 0 ? args[0] : "2025";
var days = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 22;
var file = Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", "src", "DvcGrains.Server", "Data", "units", $"vn-admin-units-{edition}.csv");
using var reader = new StreamReader(file);
var units = UnitHierarchy.Load(reader, edition);
var kpiUnits = new KpiUnits(units, UnitMapping.None);
var workingDays = Enumerable.Range(0, days * 2).Select(i => new DateOnly(2026, 3, 2).AddDays(i))
    .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).Take(days).ToList();
var bottomUp = new[] { UnitLevel.Commune, UnitLevel.District, UnitLevel.Province, UnitLevel.Nation }.Where(units.HasLevel).SelectMany(units.UnitsAt).ToList();

var before = Measure(() =>
{
    var grains = new Dictionary<string, UnitBefore>(StringComparer.Ordinal);
    foreach (var unit in bottomUp)
    {
        grains[unit.Code] = new UnitBefore(unit.Code, workingDays, kpiUnits.ChildrenOf(unit.Code).Where(grains.ContainsKey).Select(c => grains[c]));
    }
    return grains;
});
var after = Measure(() =>
{
    var grains = new Dictionary<string, UnitAfter>(StringComparer.Ordinal);
    foreach (var unit in bottomUp)
    {
        grains[unit.Code] = new UnitAfter(unit.Code, kpiUnits.CountingLevelOf(unit.Code), workingDays, kpiUnits.ChildrenOf(unit.Code).Where(grains.ContainsKey).Select(c => grains[c]));
    }
    return grains;
});
Console.WriteLine($"{edition} hierarchy, {bottomUp.Count} units, {days} working days of activity at every receiving unit");
Console.WriteLine($"  unit grains' counters before the split: {before / 1_048_576.0:0.0} MB");
Console.WriteLine($"  unit grains' counters split by level:   {after / 1_048_576.0:0.0} MB ({(after - before) / (double)before:+0.0 %})");

static long Measure(Func<object> build)
{
    var start = Heap();
    var built = build();
    var held = Heap() - start;
    GC.KeepAlive(built);
    return held;
}

static long Heap()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    return GC.GetTotalMemory(forceFullCollection: true);
}

/// <summary>A day of one unit's desk: dossiers received online and in person, some finished, returned, paid, one overdue.</summary>
internal static class Desk
{
    public static KpiDelta Day(DateOnly day) => KpiDelta.From(
    [
        KpiEntry.Of(day, KpiCounter.Received, 12), KpiEntry.Of(day, KpiCounter.ReceivedOnline, 7), KpiEntry.Of(day, KpiCounter.ReceivedInPerson, 5),
        KpiEntry.Of(day, KpiCounter.Finished, 9), KpiEntry.Of(day, KpiCounter.FinishedOnTime, 8), KpiEntry.Of(day, KpiCounter.FinishedLate, 1),
        KpiEntry.Of(day, KpiCounter.ResultsIssued, 9), KpiEntry.Of(day, KpiCounter.Returned, 8), KpiEntry.Of(day, KpiCounter.FeeDossiers, 4),
        KpiEntry.Of(day, KpiCounter.PaidOnline, 3), KpiEntry.Of(day, KpiCounter.Digitized, 10), KpiEntry.Of(day, KpiCounter.Synced, 12),
        KpiEntry.Of(day, KpiCounter.OpenStarted, 12), KpiEntry.Of(day, KpiCounter.OpenEnded, 9), KpiEntry.OverdueStart(day, 600, 1),
    ]);
}

/// <summary>What a unit grain keeps now: its own counters, its total by level, and each child's contribution by level.</summary>
internal sealed class UnitAfter
{
    public UnitAfter(string code, UnitLevel level, IReadOnlyList<DateOnly> days, IEnumerable<UnitAfter> children)
    {
        Code = code;
        foreach (var day in code == AdministrativeUnit.NationCode ? [] : days)
        {
            var delta = Desk.Day(day);
            Own.Apply(delta);
            Total.Apply(level, delta);
        }
        foreach (var child in children)
        {
            Children.Absorb(new ChildBatch(child.Code, Guid.NewGuid(), DateTimeOffset.UnixEpoch, 1, IsWholeContribution: true, child.Total.AsDelta()), Total.Apply);
        }
    }

    public string Code { get; }
    public UnitCounterBook Own { get; } = new();
    public LevelledCounterBook Total { get; } = new();
    public ChildContributions Children { get; } = new();
}

/// <summary>What a unit grain kept before the split: its own counters, its total, and each child's contribution, one book each.</summary>
internal sealed class UnitBefore
{
    public UnitBefore(string code, IReadOnlyList<DateOnly> days, IEnumerable<UnitBefore> children)
    {
        Code = code;
        foreach (var day in code == AdministrativeUnit.NationCode ? [] : days)
        {
            var delta = Desk.Day(day);
            Own.Apply(delta);
            Total.Apply(delta);
        }
        foreach (var child in children)
        {
            var book = new UnitCounterBook();
            book.Apply(child.Total.AsDelta());
            Total.Apply(child.Total.AsDelta());
            Children[child.Code] = new Contribution(Guid.NewGuid(), DateTimeOffset.UnixEpoch, 1, book);
        }
    }

    public string Code { get; }
    public UnitCounterBook Own { get; } = new();
    public UnitCounterBook Total { get; } = new();
    public Dictionary<string, Contribution> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The layout of ChildContributions' entry before the split.</summary>
    internal sealed record Contribution(Guid Epoch, DateTimeOffset ActivatedAt, long LastSequence, UnitCounterBook Book);
}

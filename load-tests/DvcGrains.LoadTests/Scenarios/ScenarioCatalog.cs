using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>The scenarios of the tool, by name.</summary>
public static class ScenarioCatalog
{
    /// <summary>The province of hot-province and province-kpis when --province is not given: Hồ Chí Minh City.</summary>
    public const string DefaultHotProvince = "79";

    /// <summary>The province of campaign-replay when --province is not given: Cà Mau, whose "69 days and nights" the seeds tell.</summary>
    public const string DefaultReplayProvince = "96";

    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new("campaign-day",
            "a working day compressed: morning and afternoon peaks (--rate is the peak), whole lifecycles in a campaign's mix, provinces skewed by Zipf, the online share rising",
            100, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), [], CampaignDayShape.Phases,
            env => new CampaignScenario("campaign-day", Life(env, UnitPicker.Zipf(env.Data, env.ZipfExponent), CodeSource.Allocate))),
        new(CampaignReplayScenario.ScenarioName,
            "a campaign's business days (--from, --business-days) replayed in the run on the product's working calendar: dossiers filed, processed, supplemented, late with an apology or left overdue, the province's (--province, default 96) shares rising day by day; writes the province's trajectory",
            200, TimeSpan.FromSeconds(90), TimeSpan.Zero, [], ScenarioDefinition.Inject, Replay),
        new("hot-province",
            "the campaign's lifecycles, with one province (--province, default 79) taking most dossiers: the roll-up's hot spot",
            100, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new CampaignScenario("hot-province", Life(env, HotPicker(env), CodeSource.Allocate))),
        new("kpi-dashboard",
            "readers of unit KPIs (nation, provinces, communes; month to year) and rankings, one in ten holding a WatchUnitKpis stream",
            100, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new KpiDashboardScenario(Reads(env))),
        new("smoke",
            "seconds long at a low rate with loose thresholds: a little of every call; the test suite runs it",
            10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), ["fail<1%", "p99<2s"], ScenarioDefinition.Inject,
            env => new SmokeScenario(Life(env, UnitPicker.Zipf(env.Data, env.ZipfExponent), CodeSource.Allocate), Reads(env))),
        new("lifecycle",
            "in-person dossiers Submit → StartProcessing → FinishProcessing → ReturnResult over the communes of --province, or of the whole country; the durable-throughput benchmark (codes local unless --codes allocate)",
            50, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new LifecycleScenario(InPerson(env)), CommandsOnly: true),
        new(FilingScenario.ScenarioName,
            "Submit only: a new in-person dossier per iteration over the communes of --province, or of the whole country; the filing benchmark, over either --transport (codes local unless --codes allocate)",
            100, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new FilingScenario(InPerson(env)), CommandsOnly: true),
        new("province-kpis",
            "GetUnitKpis of one province (--province, default 79) for the current month: the read benchmark",
            200, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new ProvinceKpisScenario(env.Data.Province(env.Province ?? DefaultHotProvince).Code)),
        new(BacklogScenario.ScenarioName,
            "fills a database for the list benchmarks: in-person dossiers over the communes of --province or the whole country, three in ten left open, the rest finished and returned",
            500, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new BacklogScenario(InPerson(env)), CommandsOnly: true),
        new("work-queue",
            "Dossiers.List of one province's open dossiers (--province, default 79), most urgent first, a page of 100: the list benchmark",
            200, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], ScenarioDefinition.Inject,
            env => new WorkQueueScenario(env.Data.Province(env.Province ?? DefaultHotProvince).Code)),
        new("change-feed",
            "a synchronisation agent following Dossiers.WatchChanges of the nation from now, for the whole run (one stream per copy: --copies or keep-constant); ChangeLag is each change's lag from its command",
            1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), [], (_, during) => [new KeepConstantPhase(1, during)],
            env => new ChangeFeedScenario(TimeSpan.FromDays(1))),
        new("health-check",
            "grpc.health.v1.Health/Check: the transport's ceiling, measured with this tool",
            1000, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), [], ScenarioDefinition.Inject,
            _ => new HealthCheckScenario()),
    ];

    /// <summary>The scenarios --transport json can carry, for messages: "lifecycle, backlog".</summary>
    public static string CommandsOnlyNames => string.Join(", ", All.Where(d => d.CommandsOnly).Select(d => d.Name));

    public static ScenarioDefinition Find(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new UsageException($"There is no scenario '{name}'; the scenarios are {string.Join(", ", All.Select(d => d.Name))}.");

    private static CampaignLife Life(ScenarioEnvironment env, UnitPicker units, CodeSource defaultCodes) =>
        new(env.Data, units, env.Mix, env.Codes ?? defaultCodes, env.LocalCodes);

    private static CampaignReplayScenario Replay(ScenarioEnvironment env)
    {
        var province = env.Data.Province(env.Province ?? DefaultReplayProvince).Code;
        var communes = env.Data.CommunesOf(province);
        if (communes.Count == 0)
        {
            throw new UsageException($"Province {province} has no communes in the server's hierarchy; campaign-replay files most of its dossiers at them.");
        }
        var others = env.Data.Communes.Except(communes, StringComparer.Ordinal).ToList();
        var clock = new BusinessClock(env.Replay.Calendar, env.Replay.From, env.Replay.BusinessDays, env.Replay.Mix.LeadInDays);
        var agencies = new ProvinceAgencies(province, env.Data.DistrictsOf(province), communes, env.Replay.Mix);
        var life = new ReplayLife(env.Data, clock, agencies, UnitPicker.Uniform(others.Count > 0 ? others : communes), env.Replay.Mix, env.Mix, env.LocalCodes);
        return new CampaignReplayScenario(life, clock, province);
    }

    private static KpiReads Reads(ScenarioEnvironment env) => new(env.Data, new ZipfSampler(env.Data.Provinces.Count, env.ZipfExponent), env.WatchHold);

    private static UnitPicker HotPicker(ScenarioEnvironment env) =>
        UnitPicker.Hot(env.Data.CommunesOf(env.Province ?? DefaultHotProvince), env.HotShare, UnitPicker.Zipf(env.Data, env.ZipfExponent));

    private static InPersonFiling InPerson(ScenarioEnvironment env) =>
        new(LifecycleUnits(env), LifecycleProcedure(env.Data), env.Codes ?? CodeSource.Local, env.LocalCodes);

    private static UnitPicker LifecycleUnits(ScenarioEnvironment env) =>
        UnitPicker.Uniform(env.Province is { } province ? env.Data.CommunesOf(province) : env.Data.Communes);

    /// <summary>The first procedure of at least five working days: every dossier of the run has the same deadline rule.</summary>
    private static string LifecycleProcedure(ReferenceData data) =>
        (data.Procedures.FirstOrDefault(p => p.ProcessingWorkingDays >= 5) ?? data.Procedures[0]).Code;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Scenarios;
using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Thresholds;

namespace DvcGrains.LoadTests.Cli;

/// <summary>Checks the options and applies the defaults: every problem is a usage error that says what to write instead.</summary>
public static class RunPlanner
{
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(10);

    public static RunPlan Plan(LoadTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var embedded = options.Embedded ?? false;
        var targets = (options.Target ?? []).Select(t => Address(t, "--target")).ToList();
        if (embedded == (targets.Count > 0))
        {
            throw new UsageException(embedded
                ? "--embedded starts a server in this process: drop --target, or drop --embedded to load the servers of --target."
                : "Say which server to load: --target http://127.0.0.1:5080 (several: comma-separated), or --embedded for one in this process.");
        }
        var maxDuration = Duration(options.MaxDuration, "--max-duration") ?? DefaultMaxDuration;
        var duration = Duration(options.Duration, "--duration");
        if (options.Count is <= 0)
        {
            throw new UsageException("--count must be a positive number of iterations.");
        }
        if (duration > maxDuration)
        {
            throw new UsageException($"--duration {options.Duration} is longer than --max-duration ({DurationText.Format(maxDuration)}); raise --max-duration to run that long.");
        }
        if (options.Count is not null && duration is null)
        {
            duration = maxDuration;
        }
        var scenarios = Scenarios(options, duration);
        if (scenarios.Any(s => s.Duration > maxDuration))
        {
            throw new UsageException($"The load lasts longer than --max-duration ({DurationText.Format(maxDuration)}); raise --max-duration or shorten the load.");
        }
        var thresholds = (options.Threshold ?? [.. scenarios.SelectMany(s => s.Definition.DefaultThresholds).Distinct()]).Select(Threshold.Parse).ToList();
        foreach (var threshold in thresholds.Where(t => t.Scenario is not null && scenarios.All(s => s.Name != t.Scenario)))
        {
            throw new UsageException($"Threshold '{threshold.Expression}' names scenario '{threshold.Scenario}', which the run does not have ({string.Join(", ", scenarios.Select(s => s.Name))}).");
        }
        var timeout = Duration(options.Timeout, "--timeout") ?? TimeSpan.FromSeconds(10);
        var heap = options.Heap ?? false;
        var verify = options.Verify ?? false;
        if (heap && (!embedded || verify))
        {
            throw new UsageException("--heap reads this process's heap: it needs --embedded, and no --verify (whose tally would be counted as the server's).");
        }
        return new RunPlan(
            targets,
            embedded,
            scenarios,
            Duration(options.Warmup, "--warmup") ?? scenarios.Max(s => s.Definition.DefaultWarmup),
            options.Count,
            maxDuration,
            thresholds,
            verify,
            Duration(options.Settle, "--settle") ?? TimeSpan.FromSeconds(20),
            options.ReportDir,
            Language(options.Lang),
            new GeneratorSettings(
                new CallPolicy(timeout, Positive(options.Retries ?? 3, "--retries", allowZero: true), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)),
                Arrivals(options.Arrivals),
                Positive(options.MaxInFlight ?? 10_000, "--max-in-flight"),
                Duration(options.Think, "--think") ?? TimeSpan.Zero,
                timeout + TimeSpan.FromSeconds(5),
                options.Seed ?? Random.Shared.Next()),
            Positive(options.Connections ?? 2, "--connections"),
            Transport(options, targets.Count, embedded, scenarios),
            Duration(options.MaxLag, "--max-lag") ?? TimeSpan.FromMilliseconds(50),
            options.Province,
            Codes(options.Codes),
            Mix(options),
            Share(options.Zipf ?? 1.0, "--zipf", max: 5),
            Share(options.HotShare ?? 0.8, "--hot-share", max: 1),
            Duration(options.WatchHold, "--watch-hold") ?? TimeSpan.FromSeconds(10),
            [.. (options.ServerMetrics ?? []).Select(m => Address(m, "--server-metrics"))],
            Duration(options.MetricsInterval, "--metrics-interval") ?? TimeSpan.FromSeconds(5),
            heap,
            options.Quiet ?? false,
            Replay(options),
            Security(options),
            options.AbortOnFail ?? false,
            options.Junit,
            options.MetricsPort is { } port ? (port is > 0 and < 65536 ? port : throw new UsageException("--metrics-port must be a port number (1-65535).")) : null,
            options);
    }

    private static ReportLanguage Language(string? code) =>
        code is null ? ReportLanguage.English
        : ReportLanguage.Of(code) ?? throw new UsageException($"--lang {code}: the reports are written in {string.Join(" or ", ReportLanguage.All.Select(l => l.Code))}.");

    /// <summary>Cà Mau's "69 days and nights" from 2023-03-01 unless told otherwise; every replayed day must lie in the past.</summary>
    private static ReplayPlan Replay(LoadTestOptions options)
    {
        var from = new DateOnly(2023, 3, 1);
        if (options.From is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            throw new UsageException($"--from {text}: write the campaign's first day as yyyy-MM-dd, e.g. 2023-03-01.");
        }
        var days = options.BusinessDays ?? 69;
        if (days is < 1 or > 2000)
        {
            throw new UsageException("--business-days must be a number of working days from 1 to 2000.");
        }
        var calendar = ReplayPlan.ProductCalendar();
        var covered = calendar.Years.Select(y => y.Year).ToHashSet();
        var mix = options.ReplayMix ?? new ReplayMix();
        if (mix.Problem() is { } problem)
        {
            throw new UsageException($"The replay mix's {problem}.");
        }
        var plan = new ReplayPlan(calendar, from, days, mix);
        var clock = new BusinessClock(calendar, from, days, mix.LeadInDays);
        var (first, last) = (clock.RunDays[0], clock.Last);
        var today = DvcGrains.Domain.Time.VietnamTime.DateOf(DateTimeOffset.UtcNow);
        if (last >= today)
        {
            throw new UsageException($"--from {from:yyyy-MM-dd} with --business-days {days} reaches {last:yyyy-MM-dd}, not in the past: a replay stamps its commands with past business times; start earlier or replay fewer days.");
        }
        if (!covered.Contains(first.Year) || !covered.Contains(last.Year))
        {
            throw new UsageException($"The working calendar covers {string.Join(", ", covered.Order())}; a replay from {first:yyyy-MM-dd} (its lead-in included) to {last:yyyy-MM-dd} needs its holidays: replay inside those years or extend Data/calendar/vn-working-calendar.json.");
        }
        return plan;
    }

    /// <summary>--transport: null for gRPC (the default); for json, the web addresses, one per target, and its connections.</summary>
    private static JsonTransport? Transport(LoadTestOptions options, int targets, bool embedded, IReadOnlyList<PlannedScenario> scenarios)
    {
        switch (options.Transport)
        {
            case null or "grpc":
                return options.WebUrl is null && options.WebConnections is null
                    ? null
                    : throw new UsageException("--web-url and --web-connections are for --transport json; drop them, or add --transport json.");
            case "json":
                break;
            default:
                throw new UsageException($"--transport {options.Transport}: write grpc (the default) or json (the dossier commands as JSON over HTTP/1.1 to --web-url).");
        }
        if (scenarios.FirstOrDefault(s => !s.Definition.CommandsOnly) is { } other)
        {
            throw new UsageException($"--transport json carries the dossier commands only, and scenario {other.Name} sends other calls; run it over gRPC (drop --transport), or run one of {ScenarioCatalog.CommandsOnlyNames} over JSON.");
        }
        var web = (options.WebUrl ?? []).Select(w => Address(w, "--web-url")).ToList();
        if (embedded ? web.Count > 0 : web.Count != targets)
        {
            throw new UsageException(embedded
                ? "--embedded serves its own web address: drop --web-url."
                : $"--transport json needs the web address (Dvc:Web:Urls) of each --target, in the same order: --web-url http://127.0.0.1:8080 ({targets} {(targets == 1 ? "address" : "addresses")}, {web.Count} given).");
        }
        return new JsonTransport(web, Positive(options.WebConnections ?? JsonTransport.DefaultConnections, "--web-connections"));
    }

    private static TargetSecurity Security(LoadTestOptions options)
    {
        X509Certificate2Collection? ca = null;
        if (options.CaFile is { } caFile)
        {
            ca = [];
            try
            {
                ca.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new UsageException($"--ca-file {caFile}: {e.Message}; give the PEM file of the CA that signed the servers' certificates.", e);
            }
            if (ca.Count == 0)
            {
                throw new UsageException($"--ca-file {caFile} holds no PEM certificate; give the PEM file of the CA that signed the servers' certificates.");
            }
        }
        var tokens = new List<string>();
        if (options.TokenFile is { } tokenFile)
        {
            try
            {
                tokens = [.. File.ReadAllLines(tokenFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--token-file {tokenFile}: {e.Message}", e);
            }
            if (tokens.Count == 0)
            {
                throw new UsageException($"--token-file {tokenFile} holds no token: write one bearer token per line (lines starting with # are comments).");
            }
        }
        return new TargetSecurity(ca, tokens);
    }

    private static List<PlannedScenario> Scenarios(LoadTestOptions options, TimeSpan? duration)
    {
        var choices = (options.Scenarios ?? [])
            .Select(s => (Name: s.Name ?? throw new UsageException("Each entry of \"scenarios\" needs a \"name\"."), Weight: s.Weight ?? 1, s.Load))
            .Concat((options.Scenario ?? []).Select(text => NameAndWeight(text)))
            .ToList();
        if (choices.Count == 0)
        {
            throw new UsageException($"Name a scenario: --scenario NAME[:WEIGHT][,NAME[:WEIGHT]...]; the scenarios are {string.Join(", ", ScenarioCatalog.All.Select(d => d.Name))}.");
        }
        if (choices.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"Scenario {twice.Key} is named twice; give it once, with a weight if it should take more of the load.");
        }
        var ways = new[] { options.Load is not null, options.Copies is not null, options.Ramp is not null, options.Rate is not null }.Count(w => w);
        if (ways > 1)
        {
            throw new UsageException("Give the load one way: --rate, --ramp, --copies or --load.");
        }
        var totalWeight = choices.Sum(c => c.Weight);
        return [.. choices.Select(choice =>
        {
            var definition = ScenarioCatalog.Find(choice.Name);
            var share = choice.Weight / totalWeight;
            var during = duration ?? definition.DefaultDuration;
            IReadOnlyList<LoadPhase> phases = choice.Load is { } own ? Phases(own)
                : options.Load is { } load ? [.. Phases(load).Select(p => p.Scaled(share))]
                : options.Copies is { } copies ? [new KeepConstantPhase(Positive(copies, "--copies"), during).Scaled(share)]
                : options.Ramp is { } ramp ? [Ramp(ramp, during).Scaled(share)]
                : definition.Shape(options.Rate is { } rate ? rate * share : definition.DefaultRate, during);
            return phases.Count == 0 ? throw new UsageException($"Scenario {choice.Name} has an empty load.") : new PlannedScenario(definition, choice.Weight, phases);
        })];
    }

    private static (string Name, double Weight, List<string>? Load) NameAndWeight(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 1)
        {
            return (parts[0], 1, null);
        }
        return parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && weight > 0
            ? (parts[0], weight, null)
            : throw new UsageException($"--scenario {text}: write NAME or NAME:WEIGHT with a positive weight, e.g. campaign-day:3.");
    }

    private static List<LoadPhase> Phases(IEnumerable<string> items) => [.. items.SelectMany(LoadSpec.ParseAll)];

    private static RampingInjectPhase Ramp(string text, TimeSpan during)
    {
        var (from, to) = LoadSpec.RampRates(text);
        return new RampingInjectPhase(from, to, during);
    }

    private static TimeSpan? Duration(string? text, string option) => text is null ? null : DurationText.Parse(text, option);

    private static Uri Address(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"{option} {text}: write an address such as http://127.0.0.1:5080.");

    private static int Positive(int value, string option, bool allowZero = false) =>
        value > 0 || (allowZero && value == 0) ? value : throw new UsageException($"{option} must be a {(allowZero ? "non-negative" : "positive")} whole number.");

    private static double Share(double value, string option, double max) =>
        value >= 0 && value <= max ? value : throw new UsageException($"{option} must be between 0 and {max.ToString(CultureInfo.InvariantCulture)}.");

    private static ArrivalProcess Arrivals(string? text) => text switch
    {
        null or "uniform" => ArrivalProcess.Uniform,
        "poisson" => ArrivalProcess.Poisson,
        _ => throw new UsageException($"--arrivals {text}: write uniform or poisson."),
    };

    private static CodeSource? Codes(string? text) => text switch
    {
        null => null,
        "allocate" => CodeSource.Allocate,
        "local" => CodeSource.Local,
        _ => throw new UsageException($"--codes {text}: write allocate (AllocateCode before each Submit) or local (codes the generator makes)."),
    };

    private static CampaignMix Mix(LoadTestOptions options)
    {
        var mix = options.Mix ?? new CampaignMix();
        if (options.OnlineShare is { } share)
        {
            var parts = share.Split(':');
            if (parts.Length is < 1 or > 2 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                throw new UsageException($"--online-share {share}: write a share (0.8) or a rising share FROM:TO (0.4:0.9).");
            }
            var from = double.Parse(parts[0], CultureInfo.InvariantCulture);
            mix = mix with { OnlineShareFrom = from, OnlineShareTo = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : from };
        }
        return mix.Problem() is { } problem
            ? throw new UsageException($"The campaign mix's {problem} must be a share between 0 and 1.")
            : mix;
    }
}

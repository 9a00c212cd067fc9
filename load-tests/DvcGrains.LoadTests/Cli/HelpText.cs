using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Scenarios;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Cli;

/// <summary>--help: every option, the scenarios, how the measurement works and what the exit codes mean.</summary>
public static class HelpText
{
    public static string Text => $$"""
        DvcGrains load generator: open-model load of scenarios against DvcGrains servers, with reports, thresholds and
        verification of the servers' KPI counters.

        dotnet run -c Release --project load-tests/DvcGrains.LoadTests -- --target URL[,URL...] --scenario NAME
           [--rate N | --ramp FROM:TO | --copies N | --load PHASES] [--duration 60s | --count N] [--warmup 5s]
           [--threshold EXPR]... [--verify] [--report-dir DIR] [--config FILE] [options]

        Where
          --target URL[,URL]      the servers' gRPC addresses (http:// cleartext or https:// TLS, HTTP/2);
                                  iterations take them in turn
          --ca-file FILE          trust the PEM CA(s) of FILE, and only them, for https targets and metrics pages
          --token-file FILE       a bearer token per line (# comments): calls spread over them in turn, so several
                                  portals' identities and their rate limits are exercised; also for --verify
          --embedded              instead: start a server on the embedded default in this process (it then shares
                                  the cores and the heap with the generator)
          --connections N         channels per target (2); each opens more HTTP/2 connections whenever its 100
                                  streams are busy, so no call waits unseen inside the client
          --transport grpc|json   how the dossier commands travel: gRPC (the default), or JSON over HTTP/1.1 to
                                  the web address's routes (POST /v1/dossiers, /v1/dossiers/{id}:{verb}), as a
                                  portal without gRPC sends them; only the scenarios that send nothing else
                                  ({{ScenarioCatalog.CommandsOnlyNames}}) take json. The reference data, health and --verify stay on gRPC
          --web-url URL[,URL]     with --transport json: each --target's web address (Dvc:Web:Urls), same order;
                                  --embedded uses its own
          --web-connections N     with --transport json: HTTP/1.1 connections per web address ({{JsonTransport.DefaultConnections}}); a call
                                  past them waits in the client, and the wait counts in its latency

        What
          --scenario NAME[:WEIGHT][,...]  the scenarios, run together; an explicit --rate, --copies, --ramp or --load
                                  is shared between them in proportion to their weights (1 by default)

        Scenarios
        {{Scenarios()}}

        How much (one of; per scenario in the configuration file)
          --rate N                open model, inject: N iterations per second (an iteration is one scenario pass:
                                  a dossier's life, or one read); campaign-day shapes its working day with N as
                                  the peak. Default: each scenario's own rate
          --ramp FROM:TO          open model, ramping-inject: from FROM to TO iterations per second over --duration
          --copies N              closed model, keep-constant: N iterations running at all times; its latency is
                                  the service time and its rate the outcome (it cannot show a server falling behind)
          --load PHASES           phases in turn, separated by ';':
                                  {{LoadSpec.Grammar}}
          --duration D            the measured time (each scenario has a default); durations: 500ms, 30s, 2m, 1h
          --count N               at most N measured iterations per scenario (with no --duration, until N are started)
          --warmup D              load before the measurement, shaped as the first phase, not counted (5s; smoke 1s)
          --max-duration D        hard bound on the load, whatever else is said (10m)

        Measurement
          Latency counts from each call's intended start: the scheduled arrival for the first step of an iteration,
          the previous reply (plus --think) for the next ones; a server that stalls is charged for every call that
          waited on it. Service time (send to reply) and generator lag (intended to send) are reported apart. An
          arrival that finds --max-in-flight iterations of its scenario waiting is dropped and counted. A run whose
          generator lag p99 exceeds --max-lag is invalid. Percentiles come from HdrHistograms (microseconds).
          --max-in-flight N       iterations of a scenario waiting on the server before arrivals are dropped (10000)
          --max-lag D             generator lag p99 past which the run is invalid (50ms)
          --timeout D             each call's deadline (10s); a server's first answer, before the load, at least 1m
          --retries N             resends after UNAVAILABLE or RESOURCE_EXHAUSTED, same request_id, backoff 50ms
                                  doubling to 1s with jitter (3); counted apart from the calls
          --think D               pause between a reply and the iteration's next step (0)
          --arrivals uniform|poisson  spacing of open arrivals (uniform: the same every run)
          --seed N                random seed of the run (printed in the report)

        Data
          --province CODE         lifecycle, filing and backlog: the province whose communes get the dossiers (default: all
                                  communes); hot-province, province-kpis and work-queue: the province (default {{ScenarioCatalog.DefaultHotProvince}});
                                  campaign-replay: the campaign's province (default {{ScenarioCatalog.DefaultReplayProvince}})
          --from DATE             campaign-replay: the campaign's first day, yyyy-MM-dd (2023-03-01)
          --business-days N       campaign-replay: working days replayed from --from on the product's working
                                  calendar, holidays and compensatory days skipped (69); the run's --duration is cut
                                  into equal slices, one per business day, and the commands carry business times;
                                  a lead-in of working days before --from ("replay_mix": {"lead_in_days": 30}) is
                                  replayed first at the campaign's first shares, so the campaign starts with a backlog
          --codes allocate|local  dossier codes from AllocateCode (a call per dossier; default of the campaign
                                  scenarios) or made by the generator (default of lifecycle, filing, backlog)
          --online-share F[:T]    campaign online share, rising from F to T over the run (0.4:0.9)
          --zipf S                skew of provinces, 1/rank^S by size (1; 0: uniform)
          --hot-share F           hot-province's share of dossiers (0.8)
          --watch-hold D          how long a dashboard viewer holds WatchUnitKpis open (10s)

        Judgement
          --threshold EXPR        repeatable: [SCENARIO[/STEP]:]METRIC OP VALUE; METRIC p50 p75 p95 p99 p999 max
                                  (latency; us, ms or s), fail (failed and dropped share; %), dropped (%), rps (OK
                                  calls/s). No scope: every call of the run. E.g. p99<50ms, p95<20ms, fail<0.1%,
                                  campaign-day:rps>1000, lifecycle/Submit:p99<100ms
          --verify                after the load, the YEAR counters of every unit written to, its ancestors and the
                                  nation must have moved by exactly the generator's tally of acknowledged commands
                                  (read before and after; counters that the server's calendar and clock decide,
                                  timeliness, open and overdue, are not compared). Commands left in doubt are sent
                                  again with their request_id first. Nothing else may write to the server meanwhile
                                  campaign-replay also compares the DAY counters of its province, the province's
                                  ancestors and the nation on every replayed day
          --settle D              how long --verify (and a replay's trajectory) waits for the roll-ups to agree (20s)
          --abort-on-fail         judge the thresholds every second on the figures so far (once 100 calls are in
                                  scope) and end the load at the first that fails; the run fails, saying which

        Reports
          --report-dir DIR        summary.json (with the run's metadata: generator version and commit, seed,
                                  targets, every option), report.md, report.html (charts), steps.csv, timeline.csv,
                                  memory.csv; after campaign-replay also business_days.csv and trajectory.svg, and
                                  summary.json's "business_days" (the province per replayed day: DAY and last 30 days)
                                  and "final_by_level" (its last 30 days by the level of the receiving agencies)
          --lang en|vi            the language of the console, report.md and report.html (en); a replay's report
                                  opens with its headline: rank, rates, late dossiers and apology slips, by level
          --junit FILE            the run's validity, thresholds and verification as JUnit XML, for CI
          --metrics-port N        the generator's own metrics on http://127.0.0.1:N/metrics (Prometheus text):
                                  calls by scenario, step and outcome, retries, in flight, last second's latency and
                                  lag, for a dashboard beside the servers' metrics
          --server-metrics URL[,URL]  the servers' Prometheus pages (http://127.0.0.1:9464/metrics): working set and
                                  managed heap at the start, every --metrics-interval (5s) and at the end; memory per
                                  dossier filed. --embedded reads its own server's page
          --heap                  with --embedded: the heap after full collections, per unit and per dossier,
                                  active and idle
          --quiet                 no live progress

        Options in a file
          --config FILE           JSON with the same options in snake_case ("report_dir"), lists as arrays, and
                                  "scenarios": [{"name": "campaign-day", "weight": 3, "load": ["inject 50/s 1m"]}]
                                  for per-scenario loads, "mix": {...} for the campaign's shares, "replay_mix": {...} for
                                  campaign-replay's (province_from, own_agencies_to, districts_to, communes_to,
                                  others: online, paid_online, digitized, on_time; province_share, own_agencies,
                                  districts, refused_online, withdrawn, supplemented, left_open); the command line wins

        Exit codes
          0  a valid run, every threshold held, --verify exact
          1  a threshold failed, --verify found a mismatch, or the run is invalid
          2  a usage error, or the server could not be reached (nothing measured)
        """;

    private static string Scenarios() =>
        string.Join(Environment.NewLine, ScenarioCatalog.All.Select(d => $"  {d.Name,-15} {d.Description}"));
}

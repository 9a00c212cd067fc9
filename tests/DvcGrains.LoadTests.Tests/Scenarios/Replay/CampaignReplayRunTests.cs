using System.Text.Json;
using System.Xml.Linq;
using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace DvcGrains.LoadTests.Tests.Scenarios.Replay;

/// <summary>
/// campaign-replay against the embedded default, a few business days in a few seconds: the trajectory it writes, its
/// report in Vietnamese opening with the headline, the verification of every replayed day, and the dossiers' histories on
/// the server, every command at a business time of the working calendar, never before the dossier's previous event.
/// </summary>
public sealed class CampaignReplayRunTests : IAsyncLifetime
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}");
    private EmbeddedServer? _server;

    public async Task InitializeAsync()
    {
        _server = await EmbeddedServer.Start();
        Directory.CreateDirectory(_reports);
    }

    [Fact]
    public async Task A_replay_writes_the_provinces_trajectory_and_its_commands_carry_business_times_in_order()
    {
        var config = Path.Combine(_reports, "replay.json");
        await File.WriteAllTextAsync(config, """{ "replay_mix": { "lead_in_days": 3 } }""");
        var junit = Path.Combine(_reports, "junit.xml");

        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--scenario", "campaign-replay", "--from", "2023-04-26", "--business-days", "6",
            "--rate", "60", "--duration", "5s", "--verify", "--report-dir", _reports, "--junit", junit, "--config", config,
            "--max-lag", "1s", "--seed", "11", "--quiet", "--lang", "vi");

        Assert.True(exit == ExitCodes.Passed, output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        var root = summary.RootElement;
        var days = root.GetProperty("business_days").EnumerateArray().ToList();
        var calendar = ReplayPlan.ProductCalendar();
        // 26 to 28 April, then 4, 5 and 8 May: 29 April to 3 May are the holidays and their compensatory days.
        Assert.Equal(["2023-04-26", "2023-04-27", "2023-04-28", "2023-05-04", "2023-05-05", "2023-05-08"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.All(days, d => Assert.Equal("96", d.GetProperty("unit").GetString()));
        Assert.All(days, d => Assert.True(d.GetProperty("received").GetInt64() > 0, d.ToString()));
        Assert.All(days, d => Assert.InRange(d.GetProperty("online_rate").GetDouble(), 0.01, 1));
        Assert.All(days, d => Assert.InRange(d.GetProperty("total_score").GetDouble(), 1, 100));
        Assert.True(days[^1].GetProperty("rolling_30_days").GetProperty("received").GetInt64() > days[^1].GetProperty("received").GetInt64());
        Assert.All(days, d => Assert.InRange(d.GetProperty("rank").GetInt32(), 1, d.GetProperty("provinces").GetInt32()));
        Assert.Contains(root.GetProperty("final_ranking").EnumerateArray(), r => r.GetProperty("code").GetString() == "96");
        var steps = root.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("scenario").GetString() == "campaign-replay").ToList();
        long Ok(string step) => steps.SingleOrDefault(s => s.GetProperty("step").GetString() == step).ValueKind == JsonValueKind.Undefined ? 0
            : steps.Single(s => s.GetProperty("step").GetString() == step).GetProperty("ok").GetInt64();
        Assert.True(Ok("IssueApology") > 0, output);
        Assert.True(Ok("CompleteSupplement") > 0, output);
        Assert.Equal(0, steps.Single(s => s.GetProperty("step").GetString() == "*").GetProperty("failed").GetInt64());
        Assert.Equal(0, root.GetProperty("verify").GetProperty("mismatches").GetInt32());
        // Each replayed day of the province, its ancestors and the nation were compared, beside the years.
        Assert.True(root.GetProperty("verify").GetProperty("units_checked").GetInt32() > 2 * 6);
        Assert.Equal(7, (await File.ReadAllLinesAsync(Path.Combine(_reports, "business_days.csv"))).Length);
        // The province's own agencies and its communes receive its dossiers, and their figures add up to the province's.
        var byLevel = root.GetProperty("final_by_level").EnumerateArray().ToList();
        Assert.Equal(["PROVINCE", "COMMUNE"], byLevel.Select(l => l.GetProperty("level").GetString()));
        Assert.All(byLevel, l => Assert.True(l.GetProperty("received").GetInt64() > 0, l.ToString()));
        Assert.Equal(days[^1].GetProperty("rolling_30_days").GetProperty("received").GetInt64(), byLevel.Sum(l => l.GetProperty("received").GetInt64()));
        Assert.Equal("2025", root.GetProperty("hierarchy").GetProperty("edition").GetString());
        var markdown = await File.ReadAllLinesAsync(Path.Combine(_reports, "report.md"));
        Assert.Equal("# Kiểm thử tải DvcGrains: campaign-replay", markdown[0]);
        Assert.StartsWith("**Tỉnh Cà Mau (96), 6 ngày làm việc từ 26/04/2023 đến 08/05/2023: từ hạng ", markdown[2]);
        Assert.Contains("phiếu xin lỗi đã gửi", markdown[2], StringComparison.Ordinal);
        Assert.StartsWith("Theo cấp, 30 ngày gần nhất: cấp tỉnh ", markdown[4]);
        Assert.Equal("Máy chủ dùng danh mục đơn vị hành chính 2025 (hai cấp: 34 tỉnh, 3.321 xã).", markdown[6]);
        var html = await File.ReadAllTextAsync(Path.Combine(_reports, "report.html"));
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("Diễn biến của Tỉnh Cà Mau (96)", html, StringComparison.Ordinal);
        Assert.Contains("hạng trong 34 tỉnh", html, StringComparison.Ordinal);
        Assert.Contains(">26/04</text>", await File.ReadAllTextAsync(Path.Combine(_reports, "trajectory.svg")), StringComparison.Ordinal);
        Assert.Equal("0", XDocument.Load(junit).Root!.Attribute("failures")!.Value);

        await AssertHistoriesOnTheBusinessClock(calendar);
    }

    private async Task AssertHistoriesOnTheBusinessClock(DvcGrains.Domain.Calendar.WorkingCalendar calendar)
    {
        using var channel = GrpcChannel.ForAddress(_server!.Grpc);
        var dossiers = new Dossiers.DossiersClient(channel);
        var listed = await dossiers.ListAsync(new ListDossiersRequest
        {
            UnitCode = "96",
            SubmittedFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            SubmittedBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            PageSize = 60,
        });
        Assert.True(listed.Dossiers.Count >= 30, $"{listed.Dossiers.Count} dossiers listed");
        foreach (var listedDossier in listed.Dossiers)
        {
            var dossier = await dossiers.GetAsync(new GetDossierRequest { DossierId = listedDossier.DossierId, IncludeHistory = true });
            var times = dossier.History.Select(e => e.At.ToDateTimeOffset()).ToList();
            Assert.True(times.Zip(times.Skip(1)).All(pair => pair.First < pair.Second), $"{dossier.DossierId}: {string.Join(", ", times)}");
            var filed = times[0];
            Assert.True(calendar.IsWorkingDay(VietnamTime.DateOf(filed)), $"{dossier.DossierId} filed on {filed}");
            Assert.InRange(VietnamTime.TimeOfDay(filed), new TimeOnly(7, 30), new TimeOnly(17, 0));
            // The lead-in's three working days start on 21 April.
            Assert.InRange(VietnamTime.DateOf(filed), new DateOnly(2023, 4, 21), new DateOnly(2023, 5, 8));
            Assert.All(times, at => Assert.True(at < DateTimeOffset.UtcNow, $"{dossier.DossierId}: {at} is not in the past"));
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }
}

using System.Globalization;
using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// The words and number formats of a report (--lang): English, the default, or Vietnamese, which a campaign's
/// province reads. Every report (console, report.md, report.html, the charts) takes its text from here; the CSV files
/// and summary.json stay in one machine-readable form.
/// </summary>
public sealed class ReportLanguage
{
    public static ReportLanguage English { get; } = new()
    {
        Code = "en",
        Figures = new Figures(CultureInfo.InvariantCulture.NumberFormat),
        DateFormat = "yyyy-MM-dd",
        ShortDateFormat = "MM-dd",
        Title = "DvcGrains load test",
        Passed = "PASSED",
        Failed = "FAILED",
        InvalidRun = "invalid run",
        What = "what",
        Value = "value",
        Run = "Run",
        Verdict = "verdict",
        Started = "started (UTC)",
        Targets = "targets",
        EmbeddedTarget = "embedded: in the generator's process",
        Warmup = "warm-up (not counted)",
        ArrivalsAndSeed = "arrivals, seed",
        ConnectionsOpened = "connections opened",
        DeadlineAndRetries = "call deadline, retries",
        Generator = "generator",
        Commit = "commit",
        Identities = "identities (bearer tokens)",
        AbortedOnFail = "aborted on fail",
        HierarchyRow = "the server's hierarchy of units",
        Hierarchy = size => size.Districts > 0
            ? $"2023 (three levels: {Invariant.Count(size.Provinces)} provinces, {Invariant.Count(size.Districts)} districts, {Invariant.Count(size.Communes)} communes)"
            : $"2025 (two levels: {Invariant.Count(size.Provinces)} provinces, {Invariant.Count(size.Communes)} communes)",
        Scenario = "scenario",
        ScenarioLine = (load, ok, failed, dropped, seconds) => $"{load}; iterations ok {ok}, failed {failed}, dropped {dropped}; measured {seconds} s",
        StepsTitle = "Steps (latency from each call's intended start, ms)",
        Step = "step",
        Ok = "ok",
        FailedCalls = "failed",
        Dropped = "dropped",
        Retries = "retries",
        IntendedPerSecond = "intended/s",
        AchievedPerSecond = "achieved/s",
        Max = "max",
        ServiceP99 = "service p99",
        LagP99 = "lag p99",
        StatusesTitle = "gRPC status codes (final status of each call; retried attempts apart)",
        Status = "status",
        Calls = "calls",
        RetriedAttempts = "retried attempts",
        ThresholdsTitle = "Thresholds",
        Threshold = "threshold",
        Measured = "measured",
        Held = "passed",
        Yes = "yes",
        No = "NO",
        VerificationTitle = "Verification",
        UnitsChecked = "units checked (unit and period)",
        DossiersTallied = "dossiers tallied",
        InDoubtSettled = "commands in doubt, settled by resending",
        InDoubtUnsettled = "commands in doubt, unsettled",
        Mismatches = "mismatches",
        MismatchesTitle = shown => $"Mismatches (the first {shown})",
        Unit = "unit",
        Period = "period",
        Counter = "counter",
        Expected = "expected",
        Server = "server",
        MemoryTitle = dossiers => $"Server memory (MB; per dossier in KB over the {dossiers} dossiers filed while measured)",
        Series = "series",
        BeforeWarmup = "before warm-up",
        MeasureStart = "measure start",
        End = "end",
        Peak = "peak",
        PerDossierKb = "per dossier KB",
        WorkingSet = "working set",
        ManagedHeap = "managed heap",
        HeapTitle = "Heap of the embedded server (after full collections; generator included)",
        HeapServerStarted = "server started, no unit active",
        HeapPerUnit = units => $"per unit KPI grain, active, no dossier ({units} units)",
        HeapPerDossierActive = dossiers => $"per dossier, grain active ({dossiers} dossiers)",
        HeapPerDossierIdle = "per dossier, grain deactivated",
        HeapTotal = "total with the dossiers, idle",
        TrajectoryTitle = province => $"{province} per business day (the day; the last 30 days)",
        TrajectoryHeading = province => $"Trajectory of {province} over the replayed business days",
        Date = "date",
        Received = "received",
        OnlinePercent = "online %",
        OnTimePercent = "on time %",
        Score = "score",
        Overdue = "overdue",
        FinishedLate = "finished late",
        Last30Days = column => $"30 d {column}",
        Rank = "rank",
        RankOf = (rank, of) => $"{rank} of {of}",
        RankingTitle = "Provinces ranked on the last 30 days of the replay",
        Province = "province",
        ByLevelTitle = province => $"{province} by the level of the agencies that received the dossiers (the last 30 days of the replay)",
        Level = "level",
        DigitizedPercent = "digitised %",
        PaidOnlinePercent = "paid online %",
        LevelName = level => level switch
        {
            UnitLevel.Province => "province level",
            UnitLevel.District => "district level",
            UnitLevel.Commune => "commune level",
            _ => "units outside the hierarchy",
        },
        Headline = headline =>
            $"{headline.Province}, {headline.BusinessDays} working days from {headline.First} to {headline.Last}: rank {headline.FirstRank} → {headline.LastRank} of {headline.Provinces} provinces; " +
            $"online {headline.FirstOnline} → {headline.LastOnline}, on time {headline.FirstOnTime} → {headline.LastOnTime} (last 30 days); " +
            $"{headline.FinishedLate} dossiers finished late and {headline.Apologies} apology slips issued, {headline.Overdue} overdue at the end.",
        ByLevelHeadline = levels => $"By level, the last 30 days: {string.Join(", ", levels.Select(l => $"{l.Online} online at {l.Level}"))}.",
        ServerHierarchy = hierarchy => $"The server's hierarchy of units: {hierarchy}.",
        RatesChart = province => $"{province}: online and on-time rates per business day",
        ScoreChart = province => $"{province}: total score (766 index) per business day",
        RankChart = (province, provinces) => $"{province}: rank among {provinces} provinces (last 30 days; 1 is best)",
        Percent = "%",
        PointsOf100 = "points of 100",
        Online30Days = "online, 30 days",
        OnTime30Days = "on time, 30 days",
        OnlineDay = "online, day",
        OnTimeDay = "on time, day",
        ThirtyDays = "30 days",
        Day = "day",
        LatencyChart = "Latency from intended start",
        Seconds = "seconds",
        Milliseconds = "ms",
        ThroughputChart = "Throughput",
        CallsPerSecond = "calls per second",
        Intended = "intended",
        MemoryHeading = "Server memory",
        MemoryChart = "Server memory (from the end of the warm-up)",
        Heap = "heap",
        ReportsIn = directory => $"Reports in {directory}",
    };

    public static ReportLanguage Vietnamese { get; } = new()
    {
        Code = "vi",
        Figures = new Figures(new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", PercentDecimalSeparator = ",", PercentGroupSeparator = "." }),
        DateFormat = "dd/MM/yyyy",
        ShortDateFormat = "dd/MM",
        Title = "Kiểm thử tải DvcGrains",
        Passed = "ĐẠT",
        Failed = "KHÔNG ĐẠT",
        InvalidRun = "lần chạy không hợp lệ",
        What = "mục",
        Value = "giá trị",
        Run = "Lần chạy",
        Verdict = "kết luận",
        Started = "bắt đầu (UTC)",
        Targets = "máy chủ",
        EmbeddedTarget = "nhúng: trong tiến trình của bộ sinh tải",
        Warmup = "khởi động (không tính)",
        ArrivalsAndSeed = "phân bố lượt đến, hạt giống ngẫu nhiên",
        ConnectionsOpened = "số kết nối đã mở",
        DeadlineAndRetries = "thời hạn mỗi lời gọi, số lần thử lại",
        Generator = "bộ sinh tải",
        Commit = "commit",
        Identities = "danh tính (bearer token)",
        AbortedOnFail = "dừng sớm vì một ngưỡng không đạt",
        HierarchyRow = "danh mục đơn vị hành chính của máy chủ",
        Hierarchy = size => size.Districts > 0
            ? $"2023 (ba cấp: {Vi.Count(size.Provinces)} tỉnh, {Vi.Count(size.Districts)} huyện, {Vi.Count(size.Communes)} xã)"
            : $"2025 (hai cấp: {Vi.Count(size.Provinces)} tỉnh, {Vi.Count(size.Communes)} xã)",
        Scenario = "kịch bản",
        ScenarioLine = (load, ok, failed, dropped, seconds) => $"{load}; lượt thành công {ok}, lỗi {failed}, bỏ {dropped}; đo trong {seconds} giây",
        StepsTitle = "Các bước (độ trễ tính từ thời điểm dự định của mỗi lời gọi, ms)",
        Step = "bước",
        Ok = "thành công",
        FailedCalls = "lỗi",
        Dropped = "bỏ",
        Retries = "thử lại",
        IntendedPerSecond = "dự định/giây",
        AchievedPerSecond = "đạt/giây",
        Max = "tối đa",
        ServiceP99 = "phục vụ p99",
        LagP99 = "trễ lịch p99",
        StatusesTitle = "Mã trạng thái gRPC (trạng thái cuối của mỗi lời gọi; các lần thử lại tính riêng)",
        Status = "trạng thái",
        Calls = "lời gọi",
        RetriedAttempts = "lần thử lại",
        ThresholdsTitle = "Ngưỡng",
        Threshold = "ngưỡng",
        Measured = "đo được",
        Held = "đạt",
        Yes = "có",
        No = "KHÔNG",
        VerificationTitle = "Đối chiếu số liệu",
        UnitsChecked = "đơn vị đã đối chiếu (đơn vị và kỳ)",
        DossiersTallied = "hồ sơ đã đếm",
        InDoubtSettled = "lệnh chưa rõ kết quả, đã xác định bằng cách gửi lại",
        InDoubtUnsettled = "lệnh chưa rõ kết quả, chưa xác định được",
        Mismatches = "sai lệch",
        MismatchesTitle = shown => $"Sai lệch ({shown} dòng đầu)",
        Unit = "đơn vị",
        Period = "kỳ",
        Counter = "chỉ tiêu",
        Expected = "kỳ vọng",
        Server = "máy chủ",
        MemoryTitle = dossiers => $"Bộ nhớ máy chủ (MB; mỗi hồ sơ tính bằng KB trên {dossiers} hồ sơ nộp trong lúc đo)",
        Series = "chuỗi",
        BeforeWarmup = "trước khởi động",
        MeasureStart = "bắt đầu đo",
        End = "kết thúc",
        Peak = "cao nhất",
        PerDossierKb = "mỗi hồ sơ KB",
        WorkingSet = "bộ nhớ làm việc",
        ManagedHeap = "heap được quản lý",
        HeapTitle = "Heap của máy chủ nhúng (sau khi thu gom toàn bộ; gồm cả bộ sinh tải)",
        HeapServerStarted = "máy chủ đã chạy, chưa đơn vị nào hoạt động",
        HeapPerUnit = units => $"mỗi grain chỉ số của đơn vị, đang hoạt động, chưa có hồ sơ ({units} đơn vị)",
        HeapPerDossierActive = dossiers => $"mỗi hồ sơ, grain đang hoạt động ({dossiers} hồ sơ)",
        HeapPerDossierIdle = "mỗi hồ sơ, grain đã ngừng",
        HeapTotal = "tổng cùng các hồ sơ, khi nghỉ",
        TrajectoryTitle = province => $"{province} theo từng ngày làm việc (trong ngày; 30 ngày gần nhất)",
        TrajectoryHeading = province => $"Diễn biến của {province} qua các ngày làm việc của chiến dịch",
        Date = "ngày",
        Received = "tiếp nhận",
        OnlinePercent = "trực tuyến %",
        OnTimePercent = "đúng hạn %",
        Score = "điểm",
        Overdue = "quá hạn",
        FinishedLate = "giải quyết trễ hạn",
        Last30Days = column => $"30 ngày: {column}",
        Rank = "hạng",
        RankOf = (rank, of) => $"{rank}/{of}",
        RankingTitle = "Xếp hạng các tỉnh theo 30 ngày cuối của chiến dịch",
        Province = "tỉnh",
        ByLevelTitle = province => $"{province} theo cấp của cơ quan tiếp nhận hồ sơ (30 ngày cuối của chiến dịch)",
        Level = "cấp",
        DigitizedPercent = "số hóa %",
        PaidOnlinePercent = "thanh toán trực tuyến %",
        LevelName = level => level switch
        {
            UnitLevel.Province => "cấp tỉnh",
            UnitLevel.District => "cấp huyện",
            UnitLevel.Commune => "cấp xã",
            _ => "đơn vị ngoài danh mục",
        },
        Headline = headline =>
            $"{headline.Province}, {headline.BusinessDays} ngày làm việc từ {headline.First} đến {headline.Last}: từ hạng {headline.FirstRank}/{headline.Provinces} đến hạng {headline.LastRank}/{headline.Provinces}; " +
            $"tỷ lệ hồ sơ trực tuyến từ {headline.FirstOnline} đến {headline.LastOnline}, đúng hạn từ {headline.FirstOnTime} đến {headline.LastOnTime} (30 ngày gần nhất); " +
            $"{headline.FinishedLate} hồ sơ giải quyết trễ hạn và {headline.Apologies} phiếu xin lỗi đã gửi, {headline.Overdue} hồ sơ còn quá hạn khi kết thúc.",
        ByLevelHeadline = levels => $"Theo cấp, 30 ngày gần nhất: {string.Join(", ", levels.Select(l => $"{l.Level} {l.Online} trực tuyến"))}.",
        ServerHierarchy = hierarchy => $"Máy chủ dùng danh mục đơn vị hành chính {hierarchy}.",
        RatesChart = province => $"{province}: tỷ lệ trực tuyến và đúng hạn theo ngày",
        ScoreChart = province => $"{province}: tổng điểm (Bộ chỉ số 766) theo ngày",
        RankChart = (province, provinces) => $"{province}: hạng trong {provinces} tỉnh (30 ngày gần nhất; 1 là cao nhất)",
        Percent = "%",
        PointsOf100 = "điểm trên 100",
        Online30Days = "trực tuyến, 30 ngày",
        OnTime30Days = "đúng hạn, 30 ngày",
        OnlineDay = "trực tuyến, trong ngày",
        OnTimeDay = "đúng hạn, trong ngày",
        ThirtyDays = "30 ngày",
        Day = "trong ngày",
        LatencyChart = "Độ trễ tính từ thời điểm dự định",
        Seconds = "giây",
        Milliseconds = "ms",
        ThroughputChart = "Thông lượng",
        CallsPerSecond = "lời gọi mỗi giây",
        Intended = "dự định",
        MemoryHeading = "Bộ nhớ máy chủ",
        MemoryChart = "Bộ nhớ máy chủ (từ cuối giai đoạn khởi động)",
        Heap = "heap",
        ReportsIn = directory => $"Báo cáo trong {directory}",
    };

    /// <summary>The languages --lang takes, by code.</summary>
    public static IReadOnlyList<ReportLanguage> All { get; } = [English, Vietnamese];

    private static Figures Invariant => English.Figures;

    private static Figures Vi => Vietnamese.Figures;

    public required string Code { get; init; }
    public required Figures Figures { get; init; }
    public required string DateFormat { get; init; }

    /// <summary>A day on a chart's axis.</summary>
    public required string ShortDateFormat { get; init; }

    public required string Title { get; init; }
    public required string Passed { get; init; }
    public required string Failed { get; init; }
    public required string InvalidRun { get; init; }
    public required string What { get; init; }
    public required string Value { get; init; }
    public required string Run { get; init; }
    public required string Verdict { get; init; }
    public required string Started { get; init; }
    public required string Targets { get; init; }
    public required string EmbeddedTarget { get; init; }
    public required string Warmup { get; init; }
    public required string ArrivalsAndSeed { get; init; }
    public required string ConnectionsOpened { get; init; }
    public required string DeadlineAndRetries { get; init; }
    public required string Generator { get; init; }
    public required string Commit { get; init; }
    public required string Identities { get; init; }
    public required string AbortedOnFail { get; init; }
    public required string HierarchyRow { get; init; }
    public required Func<HierarchySize, string> Hierarchy { get; init; }
    public required string Scenario { get; init; }

    /// <summary>A scenario's line of the run table: its load, then iterations ok, failed and dropped, and the seconds measured.</summary>
    public required Func<string, string, string, string, string, string> ScenarioLine { get; init; }

    public required string StepsTitle { get; init; }
    public required string Step { get; init; }
    public required string Ok { get; init; }
    public required string FailedCalls { get; init; }
    public required string Dropped { get; init; }
    public required string Retries { get; init; }
    public required string IntendedPerSecond { get; init; }
    public required string AchievedPerSecond { get; init; }
    public required string Max { get; init; }
    public required string ServiceP99 { get; init; }
    public required string LagP99 { get; init; }
    public required string StatusesTitle { get; init; }
    public required string Status { get; init; }
    public required string Calls { get; init; }
    public required string RetriedAttempts { get; init; }
    public required string ThresholdsTitle { get; init; }
    public required string Threshold { get; init; }
    public required string Measured { get; init; }
    public required string Held { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string VerificationTitle { get; init; }
    public required string UnitsChecked { get; init; }
    public required string DossiersTallied { get; init; }
    public required string InDoubtSettled { get; init; }
    public required string InDoubtUnsettled { get; init; }
    public required string Mismatches { get; init; }
    public required Func<int, string> MismatchesTitle { get; init; }
    public required string Unit { get; init; }
    public required string Period { get; init; }
    public required string Counter { get; init; }
    public required string Expected { get; init; }
    public required string Server { get; init; }
    public required Func<string, string> MemoryTitle { get; init; }
    public required string Series { get; init; }
    public required string BeforeWarmup { get; init; }
    public required string MeasureStart { get; init; }
    public required string End { get; init; }
    public required string Peak { get; init; }
    public required string PerDossierKb { get; init; }
    public required string WorkingSet { get; init; }
    public required string ManagedHeap { get; init; }
    public required string HeapTitle { get; init; }
    public required string HeapServerStarted { get; init; }
    public required Func<int, string> HeapPerUnit { get; init; }
    public required Func<string, string> HeapPerDossierActive { get; init; }
    public required string HeapPerDossierIdle { get; init; }
    public required string HeapTotal { get; init; }
    public required Func<string, string> TrajectoryTitle { get; init; }
    public required Func<string, string> TrajectoryHeading { get; init; }
    public required string Date { get; init; }
    public required string Received { get; init; }
    public required string OnlinePercent { get; init; }
    public required string OnTimePercent { get; init; }
    public required string Score { get; init; }
    public required string Overdue { get; init; }
    public required string FinishedLate { get; init; }

    /// <summary>A column of the trajectory over the last 30 days.</summary>
    public required Func<string, string> Last30Days { get; init; }

    public required string Rank { get; init; }
    public required Func<int, int, string> RankOf { get; init; }
    public required string RankingTitle { get; init; }
    public required string Province { get; init; }
    public required Func<string, string> ByLevelTitle { get; init; }
    public required string Level { get; init; }
    public required string DigitizedPercent { get; init; }
    public required string PaidOnlinePercent { get; init; }
    public required Func<UnitLevel, string> LevelName { get; init; }
    public required Func<HeadlineFigures, string> Headline { get; init; }

    /// <summary>The online rate of each level (level name, rate), in one sentence.</summary>
    public required Func<IEnumerable<(string Level, string Online)>, string> ByLevelHeadline { get; init; }

    public required Func<string, string> ServerHierarchy { get; init; }
    public required Func<string, string> RatesChart { get; init; }
    public required Func<string, string> ScoreChart { get; init; }
    public required Func<string, int, string> RankChart { get; init; }
    public required string Percent { get; init; }
    public required string PointsOf100 { get; init; }
    public required string Online30Days { get; init; }
    public required string OnTime30Days { get; init; }
    public required string OnlineDay { get; init; }
    public required string OnTimeDay { get; init; }
    public required string ThirtyDays { get; init; }
    public required string Day { get; init; }
    public required string LatencyChart { get; init; }
    public required string Seconds { get; init; }
    public required string Milliseconds { get; init; }
    public required string ThroughputChart { get; init; }
    public required string CallsPerSecond { get; init; }
    public required string Intended { get; init; }
    public required string MemoryHeading { get; init; }
    public required string MemoryChart { get; init; }
    public required string Heap { get; init; }
    public required Func<string, string> ReportsIn { get; init; }

    /// <summary>The language of <paramref name="code"/> (en, vi), or null.</summary>
    public static ReportLanguage? Of(string code) => All.FirstOrDefault(language => language.Code == code);

    public string FormatDate(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);
}

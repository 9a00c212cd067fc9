namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>
/// How a replayed campaign's dossiers live. The campaign's province starts where Cà Mau stood (a score in the high
/// 50s: about four in ten dossiers online, eight in ten on time) and its shares rise, linearly over the business days,
/// to the seeds' end figures: 92.79 % online (Cà Mau, province level), on time 98 % (Đắk Lắk). The other provinces
/// keep a national middle. Late dossiers get an apology slip; some of them are left open past their deadline.
/// Defaults are the seeds' figures where there are some, plausible elsewhere.
/// </summary>
public sealed record ReplayMix
{
    /// <summary>Working days before the campaign replayed first, at its first shares, to build the backlog it starts with.</summary>
    public int LeadInDays { get; init; } = 30;

    /// <summary>The share of the dossiers filed in the campaign's province; the rest go to the other provinces.</summary>
    public double ProvinceShare { get; init; } = 0.7;
    public ReplayShares ProvinceFrom { get; init; } = new(Online: 0.40, PaidOnline: 0.30, Digitized: 0.45, OnTime: 0.80);
    public ReplayShares ProvinceTo { get; init; } = new(Online: 0.9279, PaidOnline: 0.85, Digitized: 0.92, OnTime: 0.98);
    public ReplayShares Others { get; init; } = new(Online: 0.60, PaidOnline: 0.50, Digitized: 0.70, OnTime: 0.90);

    public double RefusedOnline { get; init; } = 0.03;
    public double Withdrawn { get; init; } = 0.02;
    public double Supplemented { get; init; } = 0.10;

    /// <summary>
    /// Of the late dossiers, those left open, overdue, for 15 to 40 working days after their apology slip: those of the
    /// campaign's last weeks are still open when it ends.
    /// </summary>
    public double LeftOpen { get; init; } = 0.3;

    /// <summary>The shares of the campaign's province at a point of the campaign (0: its first day, 1: its last).</summary>
    public ReplayShares Province(double progress) => ReplayShares.Between(ProvinceFrom, ProvinceTo, Math.Clamp(progress, 0, 1));

    /// <summary>The name of the first share outside [0, 1], if any.</summary>
    public string? Problem() => LeadInDays is < 0 or > 250 ? nameof(LeadInDays) : Shares();

    private string? Shares() =>
        new (string Name, double Value)[] { (nameof(ProvinceShare), ProvinceShare), (nameof(RefusedOnline), RefusedOnline), (nameof(Withdrawn), Withdrawn), (nameof(Supplemented), Supplemented), (nameof(LeftOpen), LeftOpen) }
            .Concat(ProvinceFrom.Named(nameof(ProvinceFrom))).Concat(ProvinceTo.Named(nameof(ProvinceTo))).Concat(Others.Named(nameof(Others)))
            .FirstOrDefault(s => s.Value is < 0 or > 1 or double.NaN).Name;
}

/// <summary>The shares a province's dossiers show on one day of the campaign.</summary>
public sealed record ReplayShares(double Online, double PaidOnline, double Digitized, double OnTime)
{
    public static ReplayShares Between(ReplayShares from, ReplayShares to, double progress)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        double At(double a, double b) => a + (b - a) * progress;
        return new(At(from.Online, to.Online), At(from.PaidOnline, to.PaidOnline), At(from.Digitized, to.Digitized), At(from.OnTime, to.OnTime));
    }

    internal IEnumerable<(string Name, double Value)> Named(string prefix) =>
    [
        ($"{prefix}.{nameof(Online)}", Online), ($"{prefix}.{nameof(PaidOnline)}", PaidOnline),
        ($"{prefix}.{nameof(Digitized)}", Digitized), ($"{prefix}.{nameof(OnTime)}", OnTime),
    ];
}

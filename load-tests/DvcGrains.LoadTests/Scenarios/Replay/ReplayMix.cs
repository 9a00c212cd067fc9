using DvcGrains.Api.V1;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>
/// How a replayed campaign's dossiers live. The campaign's province starts where Cà Mau stood (a score in the high
/// 50s: about four in ten dossiers online, eight in ten on time) and its shares rise, linearly over the business days,
/// to the seeds' end figures by the level of the agency that received the dossiers (Cà Mau: 92.79 % online at
/// province level, 90.61 % at district level, 86.66 % at commune level, and the same split for online payment and
/// digitisation), on time 98 % (Đắk Lắk). The other provinces keep a national middle. Late dossiers get an apology
/// slip; some of them are left open past their deadline. Defaults are the seeds' figures where there are some,
/// plausible elsewhere.
/// </summary>
public sealed record ReplayMix
{
    /// <summary>Working days before the campaign replayed first, at its first shares, to build the backlog it starts with.</summary>
    public int LeadInDays { get; init; } = 30;

    /// <summary>The share of the dossiers filed in the campaign's province; the rest go to the other provinces' communes.</summary>
    public double ProvinceShare { get; init; } = 0.7;

    /// <summary>Of the province's dossiers, the share its own agencies (sở, ngành) receive at the province's code (assumed).</summary>
    public double OwnAgencies { get; init; } = 0.15;

    /// <summary>
    /// Of the province's dossiers, the share its districts' agencies receive where the hierarchy has districts (2023;
    /// assumed); in the 2025 hierarchy the communes receive them.
    /// </summary>
    public double Districts { get; init; } = 0.35;

    public ReplayShares ProvinceFrom { get; init; } = new(Online: 0.40, PaidOnline: 0.30, Digitized: 0.45, OnTime: 0.80);

    /// <summary>The end shares of the province's own agencies: Cà Mau's province level.</summary>
    public ReplayShares OwnAgenciesTo { get; init; } = new(Online: 0.9279, PaidOnline: 0.8662, Digitized: 0.9228, OnTime: 0.98);

    /// <summary>The end shares of its districts' agencies: Cà Mau's district level.</summary>
    public ReplayShares DistrictsTo { get; init; } = new(Online: 0.9061, PaidOnline: 0.6227, Digitized: 0.7473, OnTime: 0.98);

    /// <summary>The end shares of its communes: Cà Mau's commune level.</summary>
    public ReplayShares CommunesTo { get; init; } = new(Online: 0.8666, PaidOnline: 0.9014, Digitized: 0.7346, OnTime: 0.98);

    public ReplayShares Others { get; init; } = new(Online: 0.60, PaidOnline: 0.50, Digitized: 0.70, OnTime: 0.90);

    public double RefusedOnline { get; init; } = 0.03;
    public double Withdrawn { get; init; } = 0.02;
    public double Supplemented { get; init; } = 0.10;

    /// <summary>
    /// Of the late dossiers, those left open, overdue, for 15 to 40 working days after their apology slip: those of the
    /// campaign's last weeks are still open when it ends.
    /// </summary>
    public double LeftOpen { get; init; } = 0.3;

    /// <summary>
    /// The shares of the dossiers the campaign's province receives at <paramref name="level"/> at a point of the campaign
    /// (0: its first day, 1: its last).
    /// </summary>
    public ReplayShares Province(double progress, UnitLevel level) => ReplayShares.Between(ProvinceFrom, level switch
    {
        UnitLevel.Province => OwnAgenciesTo,
        UnitLevel.District => DistrictsTo,
        _ => CommunesTo,
    }, Math.Clamp(progress, 0, 1));

    /// <summary>What is wrong with the mix, naming the setting, if anything.</summary>
    public string? Problem() =>
        LeadInDays is < 0 or > 250 ? $"{nameof(LeadInDays)} must be a number of working days from 0 to 250"
        : Shares() is { } share ? $"{share} must be a share between 0 and 1"
        : OwnAgencies + Districts > 1 ? $"{nameof(OwnAgencies)} and {nameof(Districts)} together must be at most 1, the whole of the province's dossiers"
        : null;

    private string? Shares() =>
        new (string Name, double Value)[]
            {
                (nameof(ProvinceShare), ProvinceShare), (nameof(OwnAgencies), OwnAgencies), (nameof(Districts), Districts),
                (nameof(RefusedOnline), RefusedOnline), (nameof(Withdrawn), Withdrawn), (nameof(Supplemented), Supplemented), (nameof(LeftOpen), LeftOpen),
            }
            .Concat(ProvinceFrom.Named(nameof(ProvinceFrom))).Concat(OwnAgenciesTo.Named(nameof(OwnAgenciesTo)))
            .Concat(DistrictsTo.Named(nameof(DistrictsTo))).Concat(CommunesTo.Named(nameof(CommunesTo))).Concat(Others.Named(nameof(Others)))
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

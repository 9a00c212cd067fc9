namespace DvcGrains.Domain.Kpis;

/// <summary>The periods KPIs are reported for (kỳ báo cáo); the values are the contract's.</summary>
public enum PeriodKind
{
    /// <summary>Not given: reported as <see cref="Month"/>.</summary>
    Unspecified = 0,
    Day = 1,
    Month = 2,
    Quarter = 3,
    HalfYear = 4,
    Year = 5,
    /// <summary>The 30 days ending with the given date, inclusive.</summary>
    Rolling30Days = 6,
}

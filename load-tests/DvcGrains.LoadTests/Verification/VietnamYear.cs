namespace DvcGrains.LoadTests.Verification;

/// <summary>KPI periods are Vietnam-time (UTC+7, no daylight saving): the year a business time counts in.</summary>
public static class VietnamYear
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static int Of(DateTimeOffset at) => at.ToOffset(Offset).Year;
}

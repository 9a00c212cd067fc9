using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>What refused external indicators tell their sender, in English and Vietnamese.</summary>
public static class IndicatorMessages
{
    public static readonly MessageTemplate Refused = new("indicators.refused",
        "External indicators refused: {0}.",
        "Chỉ số bên ngoài bị từ chối: {0}.");

    public static readonly MessageTemplate Unknown = new("indicators.unknown",
        "unknown indicator {0} (known: {1})",
        "không có chỉ số {0} (các chỉ số có: {1})");

    public static readonly MessageTemplate NotARate = new("indicators.not_a_rate",
        "{0} = {1} is not a rate in [0, 1]",
        "{0} = {1} không phải một tỷ lệ trong [0, 1]");

    public static readonly MessageTemplate Then = new("indicators.then", "{0}; {1}", "{0}; {1}");

    public static readonly MessageTemplate AndMore = new("indicators.and_more",
        "{0}; and {1} more",
        "{0}; và {1} lỗi khác");
}

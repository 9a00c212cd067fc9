namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>The six groups of the 766 index (Decision 766/QĐ-TTg), in the order the index lists them.</summary>
public enum Index766Group
{
    /// <summary>Công khai, minh bạch.</summary>
    Transparency,
    /// <summary>Tiến độ giải quyết.</summary>
    Progress,
    /// <summary>Dịch vụ công trực tuyến.</summary>
    OnlineServices,
    /// <summary>Thanh toán trực tuyến.</summary>
    OnlinePayment,
    /// <summary>Số hóa hồ sơ.</summary>
    Digitization,
    /// <summary>Mức độ hài lòng.</summary>
    Satisfaction,
}

public static class Index766GroupNames
{
    /// <summary>The group's name in the contract's <c>Score.group</c>.</summary>
    public static string ContractName(this Index766Group group) => group switch
    {
        Index766Group.Transparency => "transparency",
        Index766Group.Progress => "progress",
        Index766Group.OnlineServices => "online_services",
        Index766Group.OnlinePayment => "online_payment",
        Index766Group.Digitization => "digitization",
        Index766Group.Satisfaction => "satisfaction",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown 766 group."),
    };
}

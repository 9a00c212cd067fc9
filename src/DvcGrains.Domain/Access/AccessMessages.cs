using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Access;

/// <summary>What a caller refused for a unit outside its grant is told, in English and Vietnamese.</summary>
public static class AccessMessages
{
    public static readonly MessageTemplate OutsideGrant = new("access.outside_grant",
        "{0} belongs to unit {1}, outside the units this caller may act for ({2}); a token's dvc_units claim names the units a portal acts for, each with the units below it.",
        "{0} thuộc đơn vị {1}, ngoài các đơn vị bên gọi được phép xử lý ({2}); claim dvc_units của token nêu các đơn vị một cổng được xử lý, mỗi đơn vị gồm cả các đơn vị cấp dưới.");

    public static readonly MessageTemplate OutsideGrantUnnamed = new("access.outside_grant_unnamed",
        "{0} belongs to a unit outside the units this caller may act for ({1})",
        "{0} thuộc một đơn vị ngoài các đơn vị bên gọi được phép xử lý ({1})");

    public static readonly MessageTemplate NoneGranted = new("access.none_granted", "none", "không có");

    public static readonly MessageTemplate Granted = new("access.granted", "{0}", "{0}");

    public static readonly MessageTemplate MoreGranted = new("access.more_granted", "{0} and {1} more", "{0} và {1} đơn vị khác");
}

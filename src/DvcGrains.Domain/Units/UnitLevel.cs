namespace DvcGrains.Domain.Units;

/// <summary>Cấp hành chính: the level of an administrative unit, numbered as in the gRPC contract.</summary>
public enum UnitLevel
{
    Unspecified = 0,
    Nation = 1,
    /// <summary>Tỉnh / thành phố trực thuộc trung ương.</summary>
    Province = 2,
    /// <summary>Huyện / quận / thị xã / thành phố thuộc tỉnh; abolished on 1 July 2025.</summary>
    District = 3,
    /// <summary>Xã / phường / thị trấn, and the special zones (đặc khu) from 2025.</summary>
    Commune = 4,
}

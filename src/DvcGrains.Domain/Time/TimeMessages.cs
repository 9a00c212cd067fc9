using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Time;

/// <summary>What a refused date or time tells a person, in English and Vietnamese.</summary>
public static class TimeMessages
{
    public static readonly MessageTemplate DayOutOfRange = new("time.day_out_of_range",
        "{0} {1} is outside the dates the service keeps ({2} to {3}, Vietnam time); send a date of this century.",
        "{0} {1} nằm ngoài khoảng ngày hệ thống lưu giữ ({2} đến {3}, giờ Việt Nam); hãy gửi một ngày trong thế kỷ này.");

    public static readonly MessageTemplate InstantOutOfRange = new("time.instant_out_of_range",
        "{0} {1} UTC is outside the dates the service keeps ({2} to {3}, Vietnam time); send a time of this century.",
        "{0} {1} UTC nằm ngoài khoảng ngày hệ thống lưu giữ ({2} đến {3}, giờ Việt Nam); hãy gửi một thời điểm trong thế kỷ này.");
}

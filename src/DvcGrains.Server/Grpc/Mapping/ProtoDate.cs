using System.Globalization;

namespace DvcGrains.Server.Grpc.Mapping;

public static class ProtoDate
{
    /// <summary>Reads a YYYY-MM-DD date field; empty means <paramref name="today"/>.</summary>
    public static DateOnly ParseOrToday(string value, string field, DateOnly today) =>
        string.IsNullOrEmpty(value)
            ? today
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw DvcErrors.InvalidArgument($"{field} '{value}' is not a date of the form YYYY-MM-DD.");

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

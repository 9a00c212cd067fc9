using System.Globalization;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Edge;

namespace DvcGrains.Server.Grpc.Mapping;

public static class ProtoDate
{
    /// <summary>Reads a YYYY-MM-DD date field, one of the <see cref="BusinessDates"/>; empty means <paramref name="today"/>.</summary>
    public static DateOnly ParseOrToday(string value, string field, DateOnly today)
    {
        if (string.IsNullOrEmpty(value))
        {
            return today;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw DvcErrors.InvalidArgument(field, EdgeMessages.NotADate.With(field, QuotedInput.Of(value)));
        }
        return BusinessDates.Problem(day, field) is { } outOfRange ? throw DvcErrors.InvalidArgument(field, outOfRange) : day;
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

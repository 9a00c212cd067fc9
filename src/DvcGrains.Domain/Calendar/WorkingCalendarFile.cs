using System.Globalization;
using System.Text.Json;

namespace DvcGrains.Domain.Calendar;

/// <summary>
/// Reads the operator-edited calendar JSON and checks it, so that a typing mistake is refused at start-up with the
/// entry named instead of silently moving deadlines. Unknown properties are refused for the same reason.
/// </summary>
internal static class WorkingCalendarFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly Dictionary<string, CalendarDayKind> KindsByName = new(StringComparer.Ordinal)
    {
        ["holiday"] = CalendarDayKind.Holiday,
        ["compensatory"] = CalendarDayKind.Compensatory,
        ["swap_day_off"] = CalendarDayKind.SwapDayOff,
        ["swap_working_day"] = CalendarDayKind.SwapWorkingDay,
    };

    public static WorkingCalendar Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The calendar data is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (document)
        {
            var root = ObjectWith(document.RootElement, "the calendar data", "office_hours", "years");
            var officeHours = ReadOfficeHours(Required(root, "office_hours", "the calendar data"));
            var years = ReadYears(Required(root, "years", "the calendar data"));
            return new WorkingCalendar(officeHours, years);
        }
    }

    private static List<OfficeHoursSegment> ReadOfficeHours(JsonElement array)
    {
        var segments = new List<OfficeHoursSegment>();
        foreach (var (element, index) in ArrayOf(array, "office_hours"))
        {
            var where = $"office_hours[{index}]";
            ObjectWith(element, where, "from", "to");
            var segment = new OfficeHoursSegment(
                TimeOf(Required(element, "from", where), $"{where}.from"),
                TimeOf(Required(element, "to", where), $"{where}.to"));
            if (segment.To <= segment.From)
            {
                throw new FormatException($"{where}: 'to' ({segment.To:HH\\:mm}) must be after 'from' ({segment.From:HH\\:mm}).");
            }
            if (segments.Count > 0 && segment.From < segments[^1].To)
            {
                throw new FormatException($"{where}: starts at {segment.From:HH\\:mm}, before the previous segment ends; list segments in order, without overlap.");
            }
            segments.Add(segment);
        }
        if (segments.Count == 0)
        {
            throw new FormatException("office_hours: at least one segment is needed.");
        }
        return segments;
    }

    private static List<CalendarYear> ReadYears(JsonElement array)
    {
        var years = new List<CalendarYear>();
        var seenDates = new HashSet<DateOnly>();
        foreach (var (element, index) in ArrayOf(array, "years"))
        {
            var where = $"years[{index}]";
            ObjectWith(element, where, "year", "source", "days");
            var yearElement = Required(element, "year", where);
            if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year) || year is < 1 or > 9999)
            {
                throw new FormatException($"{where}.year: expected a year such as 2026, found {yearElement.GetRawText()}.");
            }
            where = $"years[{index}] ({year})";
            if (years.Any(y => y.Year == year))
            {
                throw new FormatException($"{where}: the year {year} is listed twice.");
            }
            var source = TextOf(Required(element, "source", where), $"{where}.source");
            var days = new List<CalendarDay>();
            foreach (var (dayElement, dayIndex) in ArrayOf(Required(element, "days", where), $"{where}.days"))
            {
                var day = ReadDay(dayElement, $"{where}.days[{dayIndex}]", year);
                if (!seenDates.Add(day.Date))
                {
                    throw new FormatException($"{where}.days[{dayIndex}] ({day.Date:yyyy-MM-dd}): the date is listed twice.");
                }
                days.Add(day);
            }
            years.Add(new CalendarYear(year, source, days));
        }
        return years;
    }

    private static CalendarDay ReadDay(JsonElement element, string where, int year)
    {
        ObjectWith(element, where, "date", "kind", "name");
        var dateText = TextOf(Required(element, "date", where), $"{where}.date");
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"{where}.date: '{dateText}' is not a date of the form yyyy-MM-dd.");
        }
        where = $"{where} ({dateText})";
        if (date.Year != year)
        {
            throw new FormatException($"{where}: the date is not in the year {year} it is listed under.");
        }
        var kindText = TextOf(Required(element, "kind", where), $"{where}.kind");
        if (!KindsByName.TryGetValue(kindText, out var kind))
        {
            throw new FormatException($"{where}.kind: '{kindText}' is not one of {string.Join(", ", KindsByName.Keys)}.");
        }
        var weekend = WorkingCalendar.IsWeekend(date);
        if (kind == CalendarDayKind.SwapWorkingDay && !weekend)
        {
            throw new FormatException($"{where}: a swap_working_day must be a Saturday or Sunday, not a {date.DayOfWeek}.");
        }
        if ((kind is CalendarDayKind.Compensatory or CalendarDayKind.SwapDayOff) && weekend)
        {
            throw new FormatException($"{where}: a {kindText} must be a weekday, not a {date.DayOfWeek}.");
        }
        var name = Required(element, "name", where);
        ObjectWith(name, $"{where}.name", "vi", "en");
        return new CalendarDay(
            date,
            kind,
            TextOf(Required(name, "vi", $"{where}.name"), $"{where}.name.vi"),
            TextOf(Required(name, "en", $"{where}.name"), $"{where}.name.en"));
    }

    private static JsonElement ObjectWith(JsonElement element, string where, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: expected an object, found {element.ValueKind}.");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"{where}: unknown property '{property.Name}' (expected {string.Join(", ", allowed)}).");
            }
        }
        return element;
    }

    private static JsonElement Required(JsonElement element, string property, string where) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"{where}: the property '{property}' is missing.");

    private static IEnumerable<(JsonElement Element, int Index)> ArrayOf(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select((item, index) => (item, index))
            : throw new FormatException($"{where}: expected an array, found {element.ValueKind}.");

    private static string TextOf(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String && element.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new FormatException($"{where}: expected a non-empty string, found {element.GetRawText()}.");

    private static TimeOnly TimeOf(JsonElement element, string where)
    {
        var text = TextOf(element, where);
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"{where}: '{text}' is not a time of the form HH:mm.");
    }
}

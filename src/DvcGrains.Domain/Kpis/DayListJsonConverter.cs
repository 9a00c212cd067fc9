using System.Text.Json;
using System.Text.Json.Serialization;

namespace DvcGrains.Domain.Kpis;

/// <summary>Stores a <see cref="DayList"/> as a JSON array of dates, so that facts kept with a dossier read back.</summary>
public sealed class DayListJsonConverter : JsonConverter<DayList>
{
    public override DayList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<DateOnly[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, DayList value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}

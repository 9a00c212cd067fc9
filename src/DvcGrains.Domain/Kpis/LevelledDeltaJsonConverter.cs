using System.Text.Json;
using System.Text.Json.Serialization;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Kpis;

/// <summary>Carries a <see cref="LevelledDelta"/> as a JSON object of its parts by level name, so that batches cross grain boundaries.</summary>
public sealed class LevelledDeltaJsonConverter : JsonConverter<LevelledDelta>
{
    public override LevelledDelta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LevelledDelta.From(JsonSerializer.Deserialize<Dictionary<UnitLevel, KpiDelta>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, LevelledDelta value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Levels.ToDictionary(level => level, level => value[level]), options);
    }
}

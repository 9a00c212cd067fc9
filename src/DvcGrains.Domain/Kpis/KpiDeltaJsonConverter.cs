using System.Text.Json;
using System.Text.Json.Serialization;

namespace DvcGrains.Domain.Kpis;

/// <summary>Carries a <see cref="KpiDelta"/> as a JSON array of its entries, so that batches cross grain boundaries.</summary>
public sealed class KpiDeltaJsonConverter : JsonConverter<KpiDelta>
{
    public override KpiDelta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KpiDelta.From(JsonSerializer.Deserialize<KpiEntry[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, KpiDelta value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Entries, options);
    }
}

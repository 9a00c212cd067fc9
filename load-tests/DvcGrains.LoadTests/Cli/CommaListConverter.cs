using System.Text.Json;
using System.Text.Json.Serialization;

namespace DvcGrains.LoadTests.Cli;

/// <summary>A list written either as a JSON array of strings or as one comma-separated string: "a,b" is ["a", "b"].</summary>
public sealed class CommaListConverter : JsonConverter<List<string>>
{
    public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Split(reader.GetString());
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or an array of strings");
        }
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.AddRange(reader.TokenType == JsonTokenType.String
                ? Split(reader.GetString())
                : throw new JsonException("expected an array of strings"));
        }
        return items;
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);

    private static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

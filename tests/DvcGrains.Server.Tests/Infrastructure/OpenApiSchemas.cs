using System.Text.Json;
using System.Text.RegularExpressions;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The schemas of a server's OpenAPI document, as a validating client generated from it reads a body: a value of
/// another type, a required property missing, a string outside its enum or pattern, a oneOf whose discriminator
/// names no schema, is a violation. Properties the schema does not list are allowed (the contract may add fields).
/// </summary>
public sealed class OpenApiSchemas(JsonDocument document)
{
    private const string RefPrefix = "#/components/schemas/";

    public static async Task<OpenApiSchemas> Of(HttpClient web)
    {
        using var response = await web.Send(HttpMethod.Get, "/openapi/v1.json");
        return new OpenApiSchemas(JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public JsonElement Schema(string name) => document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);

    /// <summary>What in <paramref name="json"/> the schema <paramref name="name"/> does not allow, by JSON path; empty when it conforms.</summary>
    public IReadOnlyList<string> Violations(string json, string name)
    {
        using var body = JsonDocument.Parse(json);
        var found = new List<string>();
        Check(body.RootElement, Schema(name), "$", found);
        return found;
    }

    /// <summary>The schema a <c>$ref</c> leads to; any other schema as it is.</summary>
    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } target && target.StartsWith(RefPrefix, StringComparison.Ordinal)
            ? Schema(target[RefPrefix.Length..])
            : schema;

    private void Check(JsonElement value, JsonElement schema, string path, List<string> found)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            CheckOneOf(value, schema, oneOf, path, found);
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            found.Add($"{path}: {value.ValueKind} where the schema says {type.GetString()}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => option.ToString() == value.ToString()))
        {
            found.Add($"{path}: {value} is none of {allowed}");
        }
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
        {
            found.Add($"{path}: \"{value.GetString()}\" does not match {pattern.GetString()}");
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{index++}]", found);
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, found);
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> found)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            found.AddRange(required.EnumerateArray().Select(name => name.GetString()!)
                .Where(name => !value.TryGetProperty(name, out _)).Select(name => $"{path}: required {name} is missing"));
        }
        var properties = schema.TryGetProperty("properties", out var listed) ? listed : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", found);
            }
            else if (schema.TryGetProperty("additionalProperties", out var others) && others.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, others, $"{path}.{property.Name}", found);
            }
        }
    }

    private void CheckOneOf(JsonElement value, JsonElement schema, JsonElement oneOf, string path, List<string> found)
    {
        var discriminator = schema.GetProperty("discriminator");
        var property = discriminator.GetProperty("propertyName").GetString()!;
        var key = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(property, out var named) ? named.GetString() : null;
        if (key is null || !discriminator.GetProperty("mapping").TryGetProperty(key, out var target))
        {
            found.Add($"{path}: {property} \"{key}\" names none of the schemas {discriminator.GetProperty("mapping")}");
            return;
        }
        Assert.Contains(oneOf.EnumerateArray(), option => option.GetProperty("$ref").GetString() == target.GetString());
        Check(value, Schema(target.GetString()![RefPrefix.Length..]), path, found);
    }

    private static bool HasType(JsonElement value, string type) => (type, value.ValueKind) switch
    {
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("integer", JsonValueKind.Number) => value.TryGetInt64(out _),
        ("number", JsonValueKind.Number) => true,
        _ => false,
    };
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The contract's messages as a client may rely on them: a time stamp is an RFC 3339 date-time and a duration the
/// proto JSON string of seconds ("1.5s"), not the C# objects; a field is never null (proto JSON leaves out what is
/// empty) nor read-only, which the generator makes of the google.rpc details' C# properties; a field whose proto
/// comment says it is required is required; and a message may gain fields (dvc.v1 grows, docs/integration.md), so no
/// schema forbids properties it does not list, which a validating client would reject the day one is added.
/// </summary>
public sealed class ContractSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema described)
        {
            return;
        }
        if (context.Type == typeof(Timestamp))
        {
            described.Format = "date-time";
        }
        if (context.Type == typeof(Duration))
        {
            described.Type = JsonSchemaType.String;
            described.Pattern = @"^-?\d+(\.\d{1,9})?s$";
            described.Description = "seconds, with up to nine decimals, then \"s\": \"1.5s\"";
            described.Properties = null;
            described.AdditionalPropertiesAllowed = true;
            return;
        }
        if (typeof(IMessage).IsAssignableFrom(context.Type))
        {
            foreach (var field in (described.Properties?.Values ?? []).OfType<OpenApiSchema>())
            {
                field.Type &= ~JsonSchemaType.Null;
                field.ReadOnly = false;
                if (field.AdditionalProperties is OpenApiSchema values)
                {
                    values.Type &= ~JsonSchemaType.Null;
                }
            }
        }
        if (described.Properties is { Count: > 0 } properties)
        {
            described.AdditionalPropertiesAllowed = true;
            described.AdditionalProperties = null;
            foreach (var (name, _) in properties.Where(property => ContractDescriptions.SayRequired(property.Value.Description)))
            {
                (described.Required ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }
    }
}

using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The error body as the server sends it: a <c>google.rpc.Status</c> whose details are an <see cref="ErrorInfo"/>
/// (always), a <see cref="BadRequest"/> (an invalid argument) or a <see cref="RetryInfo"/> (an overload), each told
/// apart by its <c>@type</c> and described with its fields, instead of the generator's <c>Any</c> over the C# shape
/// of <c>google.protobuf.Value</c>. And the document's frame: its routes are on the server that serves it, and a
/// call carries a bearer token where authentication is on, none where it is off.
/// </summary>
public sealed class ErrorModelDocumentFilter : IDocumentFilter
{
    private const string Status = "Status";
    private const string TypeProperty = "@type";

    /// <summary>The generator's schemas of <c>google.protobuf.Any</c> and the C# shape of <c>Value</c> under it, which no route uses once Status is described.</summary>
    private static readonly string[] AnySchemas = ["Any", "Value", "ListValue", "Struct", "NullValue", "KindOneofCase"];

    private static readonly MessageDescriptor[] Details = [ErrorInfo.Descriptor, BadRequest.Descriptor, RetryInfo.Descriptor];

    /// <summary>A refusal's response: <paramref name="description"/>, and the Status as its JSON body.</summary>
    public static OpenApiResponse Refusal(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(Status, document) },
        },
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        ArgumentNullException.ThrowIfNull(context);
        swaggerDoc.Servers = [new OpenApiServer { Url = "/", Description = "the web address that serves this document" }];
        swaggerDoc.Security =
        [
            new OpenApiSecurityRequirement(),
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiReference.BearerScheme, swaggerDoc)] = [] },
        ];
        var schemas = swaggerDoc.Components!.Schemas!;
        foreach (var detail in Details)
        {
            var described = (OpenApiSchema)context.SchemaRepository.Schemas[Generate(detail, context)];
            described.Description = $"A detail of type {TypeUrl(detail)}.";
            described.Properties![TypeProperty] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(TypeUrl(detail))] };
            (described.Required ??= new HashSet<string>(StringComparer.Ordinal)).Add(TypeProperty);
        }
        schemas[Status] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A refusal: the gRPC status code (its HTTP status is the standard mapping), a message for a person, and the details; "
                + "branch on the ErrorInfo's reason, also in the dvc-error header (docs/integration.md).",
            Required = new HashSet<string>(["code", "message", "details"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The gRPC status code (google.rpc.Code)." },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong, for a person; it may be reworded." },
                ["details"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "An ErrorInfo always (domain dvc.v1, the reason); a BadRequest naming the fields at fault; a RetryInfo when to retry.",
                    Items = new OpenApiSchema
                    {
                        OneOf = [.. Details.Select(detail => (IOpenApiSchema)new OpenApiSchemaReference(detail.Name, swaggerDoc))],
                        Discriminator = new OpenApiDiscriminator
                        {
                            PropertyName = TypeProperty,
                            Mapping = Details.ToDictionary(TypeUrl, detail => new OpenApiSchemaReference(detail.Name, swaggerDoc)),
                        },
                    },
                },
            },
        };
        foreach (var unused in AnySchemas)
        {
            schemas.Remove(unused);
        }
    }

    private static string Generate(MessageDescriptor detail, DocumentFilterContext context)
    {
        context.SchemaGenerator.GenerateSchema(detail.ClrType, context.SchemaRepository);
        return detail.Name;
    }

    private static string TypeUrl(MessageDescriptor detail) => $"type.googleapis.com/{detail.FullName}";
}

using Grpc.AspNetCore.Server;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// An RPC's comment in the proto, which the generated service base carries as its method's XML summary, as the
/// description of its route (the transcoding's own filter for this is built for an older OpenAPI library).
/// </summary>
public sealed class RpcCommentsOperationFilter(string xmlDocFile) : IOperationFilter
{
    private readonly Dictionary<string, string> _summaries = XmlDocSummaries.Of(xmlDocFile, "M:")
        .GroupBy(member => member.Id.Split('(')[0], StringComparer.Ordinal)
        .ToDictionary(overloads => overloads.Key, overloads => overloads.First().Summary, StringComparer.Ordinal);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc)
        {
            return;
        }
        var service = grpc.Method.ServiceName[(grpc.Method.ServiceName.LastIndexOf('.') + 1)..];
        var baseType = grpc.ServiceType.BaseType?.FullName?.Replace('+', '.');
        operation.Summary = grpc.Method.Name;
        if (baseType is not null && _summaries.TryGetValue($"{baseType}.{grpc.Method.Name}", out var summary) && summary.Length > 0)
        {
            operation.Description = summary;
        }
        operation.OperationId = $"{service}_{grpc.Method.Name}";
    }
}

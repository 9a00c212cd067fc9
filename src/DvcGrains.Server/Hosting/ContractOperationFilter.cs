using DvcGrains.Server.Edge;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// An RPC's route as the server answers it: a query parameter the proto calls required is required; a server stream
/// is newline-delimited JSON (<see cref="JsonLineStreams.MediaType"/>), one message of its type a line, which does not
/// end by itself, not one JSON document; a refusal (4XX, 5XX) is the google.rpc.Status of <see cref="ErrorModelDocumentFilter"/>.
/// </summary>
public sealed class ContractOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc)
        {
            return;
        }
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(parameter => ContractDescriptions.SayRequired(parameter.Description)))
        {
            parameter.Required = true;
        }
        operation.Responses ??= [];
        if (grpc.Method.Type == MethodType.ServerStreaming && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse stream
            && stream.Content?.Values.FirstOrDefault()?.Schema is { } item)
        {
            stream.Description = "One JSON message a line, as each comes; the stream runs until the client leaves or the server stops.";
            stream.Content = new Dictionary<string, IOpenApiMediaType> { [JsonLineStreams.MediaType] = new OpenApiMediaType { Schema = item } };
        }
        operation.Responses.Remove("default");
        operation.Responses["4XX"] = ErrorModelDocumentFilter.Refusal(context.Document,
            "Refused: the request (INVALID_ARGUMENT and its kinds, UNKNOWN_ROUTE), the dossier's state (DOSSIER_NOT_FOUND, DOSSIER_EXISTS, ILLEGAL_TRANSITION, VERSION_CONFLICT), the caller (UNAUTHENTICATED, FORBIDDEN) or load (OVERLOADED); ErrorInfo.reason says which.");
        operation.Responses["5XX"] = ErrorModelDocumentFilter.Refusal(context.Document,
            "UNAVAILABLE: storage or the cluster did not answer; a command may or may not have been applied, so retry it with the same request id.");
    }
}

using DvcGrains.Api.V1;
using Microsoft.OpenApi;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The OpenAPI 3 document of the JSON routes (<c>GET /openapi/v1.json</c>), generated from the proto's HTTP
/// annotations and its comments (the XML doc file of the contract's generated code), and the reference page a
/// portal developer reads (<c>GET /docs</c>, Swagger UI, whose files the server serves itself: it works offline).
/// On the web address only, like every route that is not native gRPC.
/// </summary>
public static class ApiReference
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "docs";
    public const string BearerScheme = "bearer";

    public static void AddApiReference(this IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "DvcGrains dvc.v1",
                Version = "v1",
                Description = "The DvcGrains contract (dvc.proto) as JSON over HTTP. Every refusal is a google.rpc.Status with an ErrorInfo "
                    + "of domain dvc.v1 whose reason is the contract's, and the dvc-error header; see docs/integration.md.",
            });
            var comments = Path.Combine(AppContext.BaseDirectory, $"{typeof(Dossiers).Assembly.GetName().Name}.xml");
            swagger.IncludeXmlComments(comments);
            swagger.OperationFilter<RpcCommentsOperationFilter>(comments);
            swagger.SchemaFilter<ContractSchemaFilter>();
            swagger.OperationFilter<ContractOperationFilter>();
            swagger.DocumentFilter<ErrorModelDocumentFilter>();
            swagger.DocumentFilter<ServiceCommentsDocumentFilter>(comments);
            swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Where authentication is on (Dvc:Auth:Mode Jwt): a token of the configured issuer, with dvc_roles and dvc_units.",
            });
        });
    }

    public static void UseApiReference(this IApplicationBuilder app)
    {
        app.UseSwagger(swagger => swagger.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(page =>
        {
            page.RoutePrefix = PagePath;
            page.DocumentTitle = "DvcGrains API";
            page.SwaggerEndpoint(DocumentPath, "dvc.v1");
        });
    }
}

using DvcGrains.Api.V1;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// A service's comment in the proto, which its generated class carries as its XML summary, as the description of the
/// tag that groups its routes (Dossiers, Catalog, Kpis).
/// </summary>
public sealed class ServiceCommentsDocumentFilter(string xmlDocFile) : IDocumentFilter
{
    private readonly Dictionary<string, string> _summaries = XmlDocSummaries.Of(xmlDocFile, "T:")
        .ToDictionary(member => member.Id, member => member.Summary, StringComparer.Ordinal);

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var tag in swaggerDoc.Tags ?? new HashSet<OpenApiTag>())
        {
            if (_summaries.TryGetValue($"{typeof(Dossiers).Namespace}.{tag.Name}", out var summary) && summary.Length > 0)
            {
                tag.Description = summary;
            }
        }
    }
}

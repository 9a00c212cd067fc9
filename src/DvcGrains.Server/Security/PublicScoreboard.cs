using System.Collections.Frozen;
using DvcGrains.Server.Hosting;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Net.Http.Headers;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Security;

/// <summary>
/// The public 766 scoreboard (<c>Dvc:Web:PublicScoreboard</c>): the page on the web address and the KPI reads it
/// makes, open without a token. Only those reads, only transcoded (the web address's JSON, not the gRPC port), and
/// only without an <c>Authorization</c> header (a token sent is checked as always). Every other call keeps its checks.
/// </summary>
public sealed class PublicScoreboard(bool open, AuthMode mode)
{
    /// <summary>The page's reads: rankings, a unit's KPIs and their watch, and the units (to know a province's children).</summary>
    private static readonly FrozenSet<string> Reads = new[]
    {
        (V1.Kpis.Descriptor, nameof(V1.Kpis.KpisBase.GetRanking)),
        (V1.Kpis.Descriptor, nameof(V1.Kpis.KpisBase.GetUnitKpis)),
        (V1.Kpis.Descriptor, nameof(V1.Kpis.KpisBase.WatchUnitKpis)),
        (V1.Catalog.Descriptor, nameof(V1.Catalog.CatalogBase.ListUnits)),
        (V1.Catalog.Descriptor, nameof(V1.Catalog.CatalogBase.GetUnit)),
    }.Select(read => $"/{read.Descriptor.FullName}/{read.Item2}").ToFrozenSet(StringComparer.Ordinal);

    public static PublicScoreboard Of(WebOptions web, AuthOptions auth) => new(web.PublicScoreboard ?? auth.Mode == AuthMode.None, auth.Mode);

    /// <summary>The page is served.</summary>
    public bool IsOpen => open;

    /// <summary>The call is one of the page's reads, without a token, on a server that authenticates and opens them.</summary>
    public bool Admits(HttpContext http, string method) =>
        open && mode != AuthMode.None && Reads.Contains(method)
        && !http.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;

    /// <summary>A reader of the public page, known by its <paramref name="client"/> key: no role, no unit, every KPI.</summary>
    public static Caller Reader(string client) => Caller.Public(client, readsAnyKpis: true);
}

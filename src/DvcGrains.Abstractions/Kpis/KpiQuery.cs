using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <param name="Date">A day inside the period, in Vietnam time.</param>
/// <param name="AsOf">The instant unfinished dossiers are judged at, when the period is not over.</param>
[GenerateSerializer, Immutable]
public sealed record KpiQuery(
    [property: Id(0)] PeriodKind Kind,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] DateTimeOffset AsOf);

using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Kpis;
using Npgsql;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>verify-kpis' verifier on a test's database, for the server's default hierarchy.</summary>
public static class Verifiers
{
    public static KpiVerifier Of(NpgsqlDataSource database, UnitHierarchy? units = null, UnitMapping? mapping = null)
    {
        var hierarchy = units ?? DataFiles.LoadUnits(new DvcOptions());
        return new KpiVerifier(new DurableKpiFacts(database), new KpiUnits(hierarchy, mapping ?? UnitMapping.None), TimeProvider.System);
    }
}

using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;
using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Catalog;

/// <summary>A procedure that UpsertProcedure acknowledged is known on every silo from that moment.</summary>
[Collection(SharedCluster.Name)]
public sealed class ProcedureCatalogTests(ClusterFixture fixture)
{
    private static Procedure NewProcedure(int workingDays) =>
        DayProcedure with { Code = $"T.{Guid.NewGuid():N}"[..20], Name = "Thủ tục thử", ProcessingWorkingDays = workingDays };

    private IEnumerable<ProcedureDirectory> Directories() =>
        fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(silo => silo.SiloHost.Services.GetRequiredService<ProcedureDirectory>());

    [Fact]
    public async Task An_acknowledged_upsert_is_in_every_silos_directory_and_a_change_replaces_it_everywhere()
    {
        var catalog = fixture.Grains.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key);
        var procedure = NewProcedure(workingDays: 4);

        await catalog.Upsert(procedure);
        var added = Directories().Select(d => d.Find(procedure.Code)).ToList();
        await catalog.Upsert(procedure with { ProcessingWorkingDays = 9 });
        var changed = Directories().Select(d => d.Find(procedure.Code)?.ProcessingWorkingDays).ToList();

        Assert.Equal(2, added.Count);
        Assert.All(added, found => Assert.Equal(procedure, found));
        Assert.Equal([9, 9], changed);
    }

    [Fact]
    public async Task Dossiers_for_a_procedure_just_added_are_accepted_on_whichever_silo_they_live()
    {
        var procedure = NewProcedure(workingDays: 2);
        await fixture.Grains.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key).Upsert(procedure);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var id = NewDossierId();
            return fixture.Grains.GetGrain<IDossierGrain>(id).Execute(Envelope(Submit(id, "01", Channel.InPerson, DateTimeOffset.UtcNow.AddMinutes(-5)) with { ProcedureCode = procedure.Code }));
        }));

        Assert.All(replies, reply => Assert.Null(reply.Rejection));
        Assert.All(replies, reply => Assert.Equal(procedure.Code, reply.Applied().ProcedureCode));
    }
}

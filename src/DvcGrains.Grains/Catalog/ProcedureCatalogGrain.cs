using DvcGrains.Abstractions.Catalog;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Grains.Catalog;

public sealed class ProcedureCatalogGrain(
    [PersistentState("changes", GrainStorage.Catalog)] IPersistentState<ProcedureChanges> changes) : Grain, IProcedureCatalogGrain
{
    public async Task Upsert(Procedure procedure)
    {
        var previous = changes.State;
        changes.State = new ProcedureChanges
        {
            Procedures = [.. previous.Procedures.Where(p => p.Code != procedure.Code), procedure],
        };
        try
        {
            await changes.WriteStateAsync();
        }
        catch
        {
            changes.State = previous;
            throw;
        }
    }

    public Task<IReadOnlyList<Procedure>> Changes() => Task.FromResult<IReadOnlyList<Procedure>>(changes.State.Procedures);
}

[GenerateSerializer]
public sealed class ProcedureChanges
{
    [Id(0)] public List<Procedure> Procedures { get; set; } = [];
}

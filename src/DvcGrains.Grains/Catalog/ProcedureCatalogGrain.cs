using DvcGrains.Abstractions.Catalog;
using DvcGrains.Domain.Procedures;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Catalog;

public sealed class ProcedureCatalogGrain(
    [PersistentState("changes", GrainStorage.Catalog)] IPersistentState<ProcedureChanges> changes,
    IClusterMembershipService membership,
    IOptions<CatalogOptions> options,
    TimeProvider clock) : Grain, IProcedureCatalogGrain
{
    private static readonly TimeSpan ConfirmPoll = TimeSpan.FromMilliseconds(25);

    private readonly Dictionary<SiloAddress, long> _applied = [];

    public async Task Upsert(Procedure procedure)
    {
        var previous = changes.State;
        if (!previous.Procedures.Contains(procedure))
        {
            changes.State = new ProcedureChanges
            {
                Version = previous.Version + 1,
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
        await EverySiloApplied(changes.State.Version, procedure.Code);
    }

    public Task<CatalogChanges?> Sync(SiloAddress silo, long appliedVersion)
    {
        _applied[silo] = appliedVersion;
        var state = changes.State;
        return Task.FromResult(appliedVersion < state.Version ? new CatalogChanges(state.Version, state.Procedures) : null);
    }

    /// <summary>
    /// Waits until every silo that is active or joining has reported the version; a silo that dies or leaves no longer
    /// counts. Past <see cref="CatalogOptions.ConfirmTimeout"/> the change stays saved and the caller hears that some
    /// silo may not know it yet.
    /// </summary>
    private async Task EverySiloApplied(long version, string procedureCode)
    {
        var deadline = clock.GetUtcNow() + options.Value.ConfirmTimeout;
        while (true)
        {
            var lagging = membership.CurrentSnapshot.Members.Values
                .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining)
                .Select(m => m.SiloAddress)
                .Where(silo => !_applied.TryGetValue(silo, out var applied) || applied < version)
                .ToList();
            if (lagging.Count == 0)
            {
                return;
            }
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException(
                    $"Procedure {procedureCode} is saved (catalogue version {version}), but silo {string.Join(", ", lagging)} has not " +
                    $"applied it within {options.Value.ConfirmTimeout.TotalSeconds:0} s; retry the upsert to learn when every silo has it.");
            }
            await Task.Delay(ConfirmPoll, clock);
        }
    }
}

[GenerateSerializer]
public sealed class ProcedureChanges
{
    [Id(0)] public List<Procedure> Procedures { get; set; } = [];

    /// <summary>Counts the changes: each upsert that changes something makes a new version.</summary>
    [Id(1)] public long Version { get; set; }
}

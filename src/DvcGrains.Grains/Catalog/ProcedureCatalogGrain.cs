using DvcGrains.Abstractions;
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

    /// <summary>
    /// What silos are handed: only a version storage has confirmed. <see cref="Sync"/> interleaves with an upsert's
    /// write, so handing out <c>changes.State</c> would publish a version that a failing write then takes back.
    /// </summary>
    private CatalogChanges _published = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = Publishable(changes.State);
        return Task.CompletedTask;
    }

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
                // The write may still have reached storage: the next activation reads what storage holds, so a
                // version is either published as written or never numbered twice.
                changes.State = previous;
                DeactivateOnIdle();
                throw;
            }
            _published = Publishable(changes.State);
        }
        await EverySiloApplied(changes.State.Version, procedure.Code);
    }

    public Task<CatalogChanges?> Sync(SiloAddress silo, long appliedVersion)
    {
        _applied[silo] = appliedVersion;
        return Task.FromResult(appliedVersion < _published.Version ? _published : null);
    }

    private static CatalogChanges Publishable(ProcedureChanges state) => new(state.Version, [.. state.Procedures]);

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
                    $"Procedure {procedureCode} is saved (catalog version {version}), but silo {string.Join(", ", lagging)} has not " +
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

using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// The parent's side of the roll-up repairs: the children that owe it their whole contribution, which it asks them
/// for until they answer. A child owes one when the parent activates or recounts, and when one of its batches arrives
/// from an activation older than the one the parent counted (the child cannot tell, so the parent asks). The whole contribution
/// a child gives when asked replaces whatever the parent counted of it (<see cref="ChildContributions"/>).
/// </summary>
public sealed class OwedContributions(ChildContributions contributions)
{
    private readonly HashSet<string> _owing = new(StringComparer.Ordinal);

    /// <summary>The children to ask now.</summary>
    public IReadOnlyList<string> Owing => [.. _owing];

    public bool AnyOwed => _owing.Count > 0;

    public void Owe(IEnumerable<string> children) => _owing.UnionWith(children);

    /// <summary>A recount: every child that contributed may have lost changes on their way up.</summary>
    public void OweEveryContributor() => _owing.UnionWith(contributions.Children);

    /// <summary>Places a batch the child sent; <paramref name="apply"/> receives what the unit's totals must move by.</summary>
    public AbsorbOutcome Absorb(ChildBatch batch, Action<LevelledDelta> apply)
    {
        var outcome = contributions.Absorb(batch, apply);
        if (outcome == AbsorbOutcome.Superseded)
        {
            _owing.Add(batch.ChildCode);
        }
        return outcome;
    }

    /// <summary>Places the whole contribution a child gave when asked, which settles what it owed.</summary>
    public void Taken(ChildBatch whole, Action<LevelledDelta> apply)
    {
        contributions.Absorb(whole, apply, asked: true);
        _owing.Remove(whole.ChildCode);
    }
}

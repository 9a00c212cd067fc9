namespace DvcGrains.Persistence.Dossiers;

/// <summary>What a run of <see cref="DossierPlacement.PlaceRemaining"/> did so far.</summary>
/// <param name="Read">Dossiers read, in code order from where the last run stopped.</param>
/// <param name="Moved">Of those, the dossiers whose place changed.</param>
/// <param name="Complete">Every dossier is placed by the database's placement now.</param>
public sealed record PlacementRun(long Read, long Moved, bool Complete);

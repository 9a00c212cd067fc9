namespace DvcGrains.Abstractions.Dossiers;

/// <summary>What a dossier's summary says of it: the unit it was submitted to and its latest committed version.</summary>
public sealed record CommittedVersion(string UnitCode, long Version);

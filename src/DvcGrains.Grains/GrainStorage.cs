namespace DvcGrains.Grains;

/// <summary>Names of the grain storage providers the silo configures.</summary>
public static class GrainStorage
{
    public const string Dossiers = "dossiers";
    public const string Units = "units";
    public const string Catalog = "catalog";
    public const string Codes = "codes";

    public static readonly IReadOnlyList<string> All = [Dossiers, Units, Catalog, Codes];
}

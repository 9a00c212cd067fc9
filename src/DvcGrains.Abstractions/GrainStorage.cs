namespace DvcGrains.Abstractions;

/// <summary>
/// The Orleans grain storage providers of the grains that keep their state through Orleans (dossiers have their own
/// store, <see cref="Dossiers.IDossierStore"/>): the grains name them, the storage a silo is configured with provides them.
/// </summary>
public static class GrainStorage
{
    public const string Units = "units";
    public const string Catalog = "catalog";
    public const string Codes = "codes";

    public static readonly IReadOnlyList<string> All = [Units, Catalog, Codes];
}

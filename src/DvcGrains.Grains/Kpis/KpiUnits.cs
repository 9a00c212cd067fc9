namespace DvcGrains.Grains.Kpis;

/// <summary>
/// Which unit grain counts a dossier, and which ledger rows a unit grain counts: a dossier counts for the unit that
/// received it.
/// </summary>
public static class KpiUnits
{
    public static string CountedBy(string dossierUnitCode) => dossierUnitCode;

    public static IReadOnlyCollection<string> LedgerUnitsOf(string unitCode) => [unitCode];
}

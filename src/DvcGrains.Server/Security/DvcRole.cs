namespace DvcGrains.Server.Security;

/// <summary>The roles a token grants in its <c>dvc_roles</c> claim.</summary>
public static class DvcRole
{
    /// <summary>File dossiers, allocate their codes and move them through their lifecycle.</summary>
    public const string DossiersWrite = "dossiers.write";

    /// <summary>Read dossiers and their history.</summary>
    public const string DossiersRead = "dossiers.read";

    /// <summary>Erase a dossier's personal data (<c>Dossiers.EraseDossierPersonalData</c>), within the caller's units.</summary>
    public const string DossiersErase = "dossiers.erase";

    /// <summary>
    /// Receive dossiers' personal fields in lists and the change feed (components' names, the event's actor and note);
    /// without it those copies leave them out (<c>personal_data_withheld</c>).
    /// </summary>
    public const string DossiersPersonal = "dossiers.personal";

    /// <summary>Read KPIs and rankings when they are not public (<c>Dvc:Auth:PublicKpis</c> false).</summary>
    public const string KpisRead = "kpis.read";

    /// <summary>Add or replace procedures of the catalog, for the whole country.</summary>
    public const string CatalogWrite = "catalog.write";

    /// <summary>Set a unit's external 766 indicators.</summary>
    public const string IndicatorsWrite = "indicators.write";

    /// <summary>Read the record of who read which dossiers (<c>Dossiers.ListReads</c>).</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        DossiersWrite, DossiersRead, DossiersPersonal, DossiersErase, KpisRead, CatalogWrite, IndicatorsWrite, Auditor,
    };
}

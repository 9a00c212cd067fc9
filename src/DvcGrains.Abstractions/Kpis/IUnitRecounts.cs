namespace DvcGrains.Abstractions.Kpis;

/// <summary>Has units count their ledgers again where committed changes may not have reached them.</summary>
public interface IUnitRecounts
{
    /// <summary>
    /// Storage failed while it committed writes of dossiers of these units: once <paramref name="settled"/> says the
    /// writes can no longer commit, the units count their ledgers again, which hold them if they did commit.
    /// </summary>
    void RecountWhenSettled(IEnumerable<string> dossierUnitCodes, Task settled);
}

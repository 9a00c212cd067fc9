namespace DvcGrains.LoadTests.Target;

/// <summary>
/// The units of a server's hierarchy by level, as the generator read them: three levels are the 2023 edition (63
/// provinces, 705 districts, 10,598 communes), two the 2025 one (34 provinces, 3,321 communes).
/// </summary>
public sealed record HierarchySize(int Provinces, int Districts, int Communes)
{
    /// <summary>The edition the levels point to: the server ships two, and only the 2023 one has districts.</summary>
    public string Edition => Districts > 0 ? "2023" : "2025";
}

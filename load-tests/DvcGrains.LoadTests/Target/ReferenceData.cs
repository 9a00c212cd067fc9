using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// The server's own hierarchy of units and catalog of procedures, read once before the load: scenarios file dossiers
/// at real communes under real procedures, and the verification walks each unit's ancestors up to the nation.
/// </summary>
public sealed class ReferenceData
{
    public const string Nation = "VN";

    private readonly Dictionary<string, Unit> _units;
    private readonly Dictionary<string, IReadOnlyList<string>> _districtsByProvince;

    public ReferenceData(IEnumerable<Unit> units, IEnumerable<Procedure> procedures)
    {
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        Provinces = [.. _units.Values.Where(u => u.Level == UnitLevel.Province).OrderBy(u => u.Code, StringComparer.Ordinal)];
        var communes = _units.Values.Where(u => u.Level == UnitLevel.Commune).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Communes = [.. communes.Select(u => u.Code)];
        CommunesByProvince = communes
            .GroupBy(c => ProvinceOf(c.Code), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Code)], StringComparer.Ordinal);
        var districts = _units.Values.Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        _districtsByProvince = districts
            .GroupBy(d => ProvinceOf(d.Code), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(d => d.Code)], StringComparer.Ordinal);
        Hierarchy = new HierarchySize(Provinces.Count, districts.Count, communes.Count);
        var all = procedures.ToList();
        // In-person and received dossiers need a deadline, so only procedures with a processing time can be filed.
        Procedures = [.. all.Where(p => p.ProcessingWorkingDays > 0 || p.ProcessingHours > 0).OrderBy(p => p.Code, StringComparer.Ordinal)];
        if (Communes.Count == 0 || Procedures.Count == 0)
        {
            throw new UsageException($"The server lists {Communes.Count} communes and {Procedures.Count} procedures with a processing time; a load test needs both.");
        }
    }

    public IReadOnlyList<Unit> Provinces { get; }
    public IReadOnlyList<string> Communes { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CommunesByProvince { get; }
    public IReadOnlyList<Procedure> Procedures { get; }

    public Unit Province(string code) =>
        Provinces.FirstOrDefault(p => p.Code == code)
        ?? throw new UsageException($"Province '{code}' is not in the server's hierarchy; use one of {string.Join(", ", Provinces.Select(p => p.Code))}.");

    public IReadOnlyList<string> CommunesOf(string province) => CommunesByProvince.GetValueOrDefault(Province(province).Code, []);

    /// <summary>The province's districts: none in the 2025 hierarchy.</summary>
    public IReadOnlyList<string> DistrictsOf(string province) => _districtsByProvince.GetValueOrDefault(Province(province).Code, []);

    /// <summary>How many units of each level the server's hierarchy has, which tells the 2023 edition from the 2025 one.</summary>
    public HierarchySize Hierarchy { get; }

    /// <summary>The unit's parents, nearest first, ending with the nation.</summary>
    public IEnumerable<string> AncestorsOf(string code)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        for (var parent = Parent(code); parent is not null && seen.Add(parent); parent = Parent(parent))
        {
            yield return parent;
        }
        if (!seen.Contains(Nation))
        {
            yield return Nation;
        }
    }

    /// <summary>The units, every ancestor of them and the nation, each once.</summary>
    public IReadOnlyCollection<string> WithAncestors(IEnumerable<string> codes)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            all.Add(code);
            all.UnionWith(AncestorsOf(code));
        }
        return all;
    }

    public static async Task<ReferenceData> Load(Catalog.CatalogClient catalog, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var units = new List<Unit>();
        var parents = new Queue<string>([string.Empty]);
        while (parents.Count > 0)
        {
            var batch = new List<string>();
            while (parents.Count > 0)
            {
                batch.Add(parents.Dequeue());
            }
            var children = await Task.WhenAll(batch.Select(async parent =>
                (await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = parent }, cancellationToken: cancellation)).Units));
            foreach (var unit in children.SelectMany(c => c))
            {
                units.Add(unit);
                if (unit.Level != UnitLevel.Commune)
                {
                    parents.Enqueue(unit.Code);
                }
            }
        }
        var procedures = (await catalog.ListProceduresAsync(new ListProceduresRequest(), cancellationToken: cancellation)).Procedures;
        return new ReferenceData(units, procedures);
    }

    private string ProvinceOf(string code)
    {
        var unit = _units[code];
        return unit.Level == UnitLevel.Province || string.IsNullOrEmpty(unit.ParentCode) || !_units.ContainsKey(unit.ParentCode)
            ? unit.Code
            : ProvinceOf(unit.ParentCode);
    }

    private string? Parent(string code) =>
        _units.TryGetValue(code, out var unit) && !string.IsNullOrEmpty(unit.ParentCode) ? unit.ParentCode : null;
}

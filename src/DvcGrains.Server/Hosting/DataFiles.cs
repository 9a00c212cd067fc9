using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;

namespace DvcGrains.Server.Hosting;

/// <summary>Loads the operator-editable data files the server ships (units, working calendar, procedures).</summary>
public static class DataFiles
{
    public static UnitHierarchy LoadUnits(DvcOptions options)
    {
        var edition = HierarchyEdition.Get(options.Hierarchy);
        using var reader = new StreamReader(Open(options, Path.Combine("units", edition.FileName)));
        return UnitHierarchy.Load(reader, edition);
    }

    public static UnitMapping LoadUnitMapping(DvcOptions options, UnitHierarchy units)
    {
        if (options.UnitMappingFile.Length == 0)
        {
            return UnitMapping.None;
        }
        using var reader = new StreamReader(Open(options, options.UnitMappingFile));
        try
        {
            return UnitMapping.Load(reader, units);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Dvc:UnitMappingFile {options.UnitMappingFile}: {e.Message}", e);
        }
    }

    /// <summary>Which unit counts each dossier, and where lists place it, as the server's configuration says.</summary>
    public static KpiUnits LoadKpiUnits(DvcOptions options)
    {
        var units = LoadUnits(options);
        return new KpiUnits(units, LoadUnitMapping(options, units));
    }

    public static WorkingCalendar LoadCalendar(DvcOptions options)
    {
        using var stream = Open(options, Path.Combine("calendar", "vn-working-calendar.json"));
        return WorkingCalendar.Load(stream);
    }

    public static ProcedureCatalog LoadProcedures(DvcOptions options)
    {
        using var stream = Open(options, Path.Combine("procedures", "default-catalog.json"));
        return ProcedureCatalog.Load(stream);
    }

    private static FileStream Open(DvcOptions options, string relativePath)
    {
        var directory = Path.IsPathRooted(options.DataDirectory)
            ? options.DataDirectory
            : Path.Combine(AppContext.BaseDirectory, options.DataDirectory);
        var path = Path.Combine(directory, relativePath);
        return File.Exists(path)
            ? File.OpenRead(path)
            : throw new FileNotFoundException($"Data file {path} is missing; set Dvc:DataDirectory to the folder that holds units/, calendar/ and procedures/.", path);
    }
}

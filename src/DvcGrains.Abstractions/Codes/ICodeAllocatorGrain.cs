namespace DvcGrains.Abstractions.Codes;

/// <summary>Hands out the dossier codes of one unit and one day (key: <see cref="KeyOf"/>).</summary>
public interface ICodeAllocatorGrain : IGrainWithStringKey
{
    Task<string> Allocate();

    static string KeyOf(string unitCode, DateOnly day) => $"{unitCode}/{day:yyyy-MM-dd}";
}

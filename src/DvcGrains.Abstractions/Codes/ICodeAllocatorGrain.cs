namespace DvcGrains.Abstractions.Codes;

/// <summary>Hands out the dossier codes of one unit and one day (key: <see cref="KeyOf"/>).</summary>
public interface ICodeAllocatorGrain : IGrainWithStringKey
{
    /// <summary>The next code; null once the day's <see cref="Domain.Dossiers.DossierCode.MaxSequence"/> codes are all handed out.</summary>
    Task<string?> Allocate();

    static string KeyOf(string unitCode, DateOnly day) => $"{unitCode}/{day:yyyy-MM-dd}";
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DvcGrains.Domain.Procedures;

/// <summary>
/// The catalog file format: <c>{"about": "...", "procedures": [{"code", "name", "processing_working_days",
/// "processing_hours", "full_process_online", "fee_vnd", "paper_result", "legal_basis"}]}</c>. Every field but
/// <c>about</c> and <c>legal_basis</c> (the law that sets time and fee, for the people who maintain the file) is
/// required, and unknown fields are refused, so that a misspelt field cannot silently become a default.
/// </summary>
internal static class ProcedureCatalogJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static ProcedureCatalog Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogFile file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, Options)
                ?? throw new FormatException("Procedure catalog: the file holds null; it must be an object with a \"procedures\" array.");
        }
        catch (JsonException error)
        {
            throw new FormatException($"Procedure catalog: {error.Message}", error);
        }

        var firstEntryOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var procedures = new List<Procedure>(file.Procedures.Count);
        foreach (var (entry, number) in file.Procedures.Select((e, i) => (e, i + 1)))
        {
            var procedure = entry.ToProcedure();
            if (ProcedureValidation.FirstProblem(procedure) is { } problem)
            {
                throw new FormatException($"Procedure catalog, entry {number} ('{entry.Code}'): {problem}");
            }

            if (!firstEntryOf.TryAdd(procedure.Code, number))
            {
                throw new FormatException(
                    $"Procedure catalog, entry {number}: code '{procedure.Code}' is already used by entry {firstEntryOf[procedure.Code]}.");
            }

            procedures.Add(procedure);
        }

        return ProcedureCatalog.Of(procedures);
    }

    private sealed class CatalogFile
    {
        public string? About { get; init; }
        public required List<Entry> Procedures { get; init; }
    }

    private sealed class Entry
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required int ProcessingWorkingDays { get; init; }
        public required int ProcessingHours { get; init; }
        public required bool FullProcessOnline { get; init; }
        public required long FeeVnd { get; init; }
        public required bool PaperResult { get; init; }
        public string? LegalBasis { get; init; }

        public Procedure ToProcedure() =>
            new(Code, Name, ProcessingWorkingDays, ProcessingHours, FullProcessOnline, FeeVnd, PaperResult);
    }
}

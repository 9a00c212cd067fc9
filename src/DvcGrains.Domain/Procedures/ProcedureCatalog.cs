using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace DvcGrains.Domain.Procedures;

/// <summary>
/// The procedure catalog (danh mục thủ tục hành chính): valid procedures keyed by code (ordinal, case-sensitive).
/// Immutable, so a reader never sees half an update; <see cref="Upsert"/> returns the next catalog.
/// </summary>
public sealed class ProcedureCatalog
{
    private readonly ImmutableSortedDictionary<string, Procedure> _byCode;

    private ProcedureCatalog(ImmutableSortedDictionary<string, Procedure> byCode)
    {
        _byCode = byCode;
        All = [.. byCode.Values];
    }

    public static ProcedureCatalog Empty { get; } = new(ImmutableSortedDictionary.Create<string, Procedure>(StringComparer.Ordinal));

    /// <summary>Every procedure, sorted by code.</summary>
    public IReadOnlyList<Procedure> All { get; }

    public int Count => All.Count;

    /// <summary>A catalog of <paramref name="procedures"/>.</summary>
    /// <exception cref="ArgumentException">A procedure is invalid, or two share a code.</exception>
    public static ProcedureCatalog Of(IEnumerable<Procedure> procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Procedure>(StringComparer.Ordinal);
        foreach (var procedure in procedures)
        {
            EnsureValid(procedure);
            if (!builder.TryAdd(procedure.Code, procedure))
            {
                throw new ArgumentException($"Procedure code '{procedure.Code}' appears twice.", nameof(procedures));
            }
        }

        return new ProcedureCatalog(builder.ToImmutable());
    }

    /// <summary>Reads a catalog file; see <see cref="ProcedureCatalogJson"/> for the format.</summary>
    /// <exception cref="FormatException">The file is malformed or holds an invalid or repeated procedure.</exception>
    public static ProcedureCatalog Load(Stream json) => ProcedureCatalogJson.Read(json);

    public bool TryGet(string code, [MaybeNullWhen(false)] out Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.TryGetValue(code, out procedure);
    }

    public Procedure? Find(string code) => TryGet(code, out var procedure) ? procedure : null;

    /// <summary>The catalog with <paramref name="procedure"/> added, or replacing the one of the same code.</summary>
    /// <exception cref="ArgumentException">The procedure is invalid: check it with <see cref="ProcedureValidation"/> first.</exception>
    public ProcedureCatalog Upsert(Procedure procedure)
    {
        EnsureValid(procedure);
        return new ProcedureCatalog(_byCode.SetItem(procedure.Code, procedure));
    }

    private static void EnsureValid(Procedure procedure)
    {
        if (ProcedureValidation.FirstProblem(procedure) is { } problem)
        {
            throw new ArgumentException(problem.ToString(), nameof(procedure));
        }
    }
}

using static System.FormattableString;

namespace DvcGrains.Server.Kpis;

/// <summary>What <c>verify-kpis</c> found: how much it checked, and every mismatch, one line each.</summary>
/// <param name="UnitsChecked">Units whose live counters were compared; 0 when no server was asked.</param>
public sealed record KpiVerificationReport(int Dossiers, int UnitsChecked, bool LiveChecked, IReadOnlyList<string> Mismatches)
{
    /// <summary>At most this many mismatch lines are printed: the first ones say enough.</summary>
    public const int PrintedMismatches = 50;

    public bool IsExact => Mismatches.Count == 0;

    public string Summary => (IsExact, LiveChecked) switch
    {
        (true, true) => Invariant($"verify-kpis: {Dossiers} dossiers, {UnitsChecked} units checked, all counters and summaries exact"),
        (true, false) => Invariant($"verify-kpis: {Dossiers} dossiers, the ledger and the summaries are exact (no --target: live counters not checked)"),
        _ => Invariant($"verify-kpis: {Dossiers} dossiers, {UnitsChecked} units checked, {Mismatches.Count} mismatches"),
    };

    /// <summary>The summary, then the first <see cref="PrintedMismatches"/> mismatches.</summary>
    public IEnumerable<string> Lines() => Mismatches.Take(PrintedMismatches).Prepend(Summary);
}

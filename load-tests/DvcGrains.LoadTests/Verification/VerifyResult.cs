namespace DvcGrains.LoadTests.Verification;

/// <summary>One counter of one unit and period (a year, or a replayed day) whose server value differs from the generator's tally.</summary>
public sealed record CounterMismatch(string Unit, string Period, string Counter, long Expected, long Actual);

/// <summary>The outcome of --verify.</summary>
/// <param name="UnitsChecked">Units (with their ancestors and the nation) whose counters were compared, each year counted apart.</param>
/// <param name="InDoubtUnresolved">Commands whose outcome could not be learnt: the tally cannot be exact, each counts as a mismatch.</param>
public sealed record VerifyResult(
    int UnitsChecked,
    long DossiersTallied,
    IReadOnlyList<CounterMismatch> Mismatches,
    int InDoubtResolved,
    int InDoubtUnresolved)
{
    public int MismatchCount => Mismatches.Count + InDoubtUnresolved;
}

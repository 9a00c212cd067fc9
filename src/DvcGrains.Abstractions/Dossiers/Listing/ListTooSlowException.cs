namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <summary>
/// Storage stopped reading a list at its bound (<c>Dvc:Storage:Pools:ListStatementTimeout</c>): the list reads too
/// many rows for the filters it was given. Nothing was read; a narrower list (a smaller unit, a submission range, a
/// status) reads fewer.
/// </summary>
public sealed class ListTooSlowException(TimeSpan bound, Exception innerException)
    : Exception($"The list was stopped after {bound.TotalSeconds:0.###} s of reading.", innerException)
{
    /// <summary>How long a list may read.</summary>
    public TimeSpan Bound { get; } = bound;
}

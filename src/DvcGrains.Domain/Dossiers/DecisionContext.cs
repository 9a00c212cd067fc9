using DvcGrains.Domain.Access;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// What a decision needs besides the state and the command: the server's clock, the working calendar, the
/// procedure catalog as it is now (a dossier takes its processing time when it is received) and the units the
/// caller may act for.
/// </summary>
/// <param name="Now">The server's time, which a command's business time may not run ahead of (beyond a small skew).</param>
/// <param name="FindProcedure">The catalog's entry for a procedure code, or null when there is none.</param>
/// <param name="Scope">The units of the authenticated caller; a dossier of another unit is refused as FORBIDDEN.</param>
/// <param name="NewLookupCode">
/// The look-up code a new dossier gets (<see cref="Lookup.LookupCode.New"/>): drawn by the server, as its clock is read,
/// so that the decision itself stays a function of what it is given.
/// </param>
public sealed record DecisionContext(
    DateTimeOffset Now, WorkingCalendar Calendar, Func<string, Procedure?> FindProcedure, CallerScope Scope, Func<string> NewLookupCode);

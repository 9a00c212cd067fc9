using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// What a decision needs besides the state and the command: the server's clock, the working calendar and the
/// procedure catalogue as it is now (a dossier takes its processing time when it is received).
/// </summary>
/// <param name="Now">The server's time, which a command's business time may not run ahead of (beyond a small skew).</param>
/// <param name="FindProcedure">The catalogue's entry for a procedure code, or null when there is none.</param>
public sealed record DecisionContext(DateTimeOffset Now, WorkingCalendar Calendar, Func<string, Procedure?> FindProcedure);

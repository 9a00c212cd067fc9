using DvcGrains.Domain.Calendar;

namespace DvcGrains.Domain.Dossiers;

/// <summary>What a decision needs besides the state and the command: the server's clock and the working calendar.</summary>
/// <param name="Now">The server's time, which a command's business time may not run ahead of (beyond a small skew).</param>
public sealed record DecisionContext(DateTimeOffset Now, WorkingCalendar Calendar);

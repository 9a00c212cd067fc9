namespace DvcGrains.Domain.Kpis;

/// <summary>
/// When a dossier is overdue (quá hạn): from the minute it turned overdue until the day its processing ended, if it has.
/// </summary>
/// <param name="FromMinute">Minute of <paramref name="FromDay"/> (Vietnam time, 0-1439) in which the dossier turned overdue.</param>
/// <param name="Until">The end day; always after <paramref name="FromDay"/>, because an ended dossier is not open on its end day.</param>
public readonly record struct OverdueInterval(DateOnly FromDay, short FromMinute, DateOnly? Until);

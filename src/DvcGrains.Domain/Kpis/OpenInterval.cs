namespace DvcGrains.Domain.Kpis;

/// <summary>The days a received dossier is open: from its reception day until the day its processing ended, if it has.</summary>
/// <remarks>A dossier counts as ended for the whole of its end day, so that a day's finished dossiers are never also open that day.</remarks>
public readonly record struct OpenInterval(DateOnly From, DateOnly? Until);

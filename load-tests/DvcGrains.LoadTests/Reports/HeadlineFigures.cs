namespace DvcGrains.LoadTests.Reports;

/// <summary>The headline's figures, each already written in the report's language.</summary>
public sealed record HeadlineFigures(
    string Province, string BusinessDays, string First, string Last, int FirstRank, int LastRank, int Provinces,
    string FirstOnline, string LastOnline, string FirstOnTime, string LastOnTime, string FinishedLate, string Apologies, string Overdue);

using System.Globalization;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>Where dossier codes come from.</summary>
public enum CodeSource
{
    /// <summary>AllocateCode before each Submit, as a portal does: one more call per dossier.</summary>
    Allocate,

    /// <summary>
    /// Codes the generator makes itself, unique to the run (<c>unit-yyMMdd-L&lt;run&gt;&lt;sequence&gt;</c>): the dossier's
    /// commands alone, as the throughput figures count them.
    /// </summary>
    Local,
}

/// <summary>Codes the generator makes itself, unique across runs by a random run tag.</summary>
public sealed class LocalDossierCodes
{
    private readonly string _run = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
    private long _sequence;

    public string Next(string unitCode, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"{unitCode}-{now.ToOffset(TimeSpan.FromHours(7)):yyMMdd}-L{_run}{Interlocked.Increment(ref _sequence):D8}");
}

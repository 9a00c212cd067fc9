namespace DvcGrains.Grains.Dossiers.Erasure;

/// <summary>The <c>Dvc:Retention</c> configuration section: how long a closed dossier's personal data are kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Dvc:Retention";

    /// <summary>
    /// How long after a dossier closed (returned, refused, stopped) its personal data are erased; zero (the default)
    /// erases nothing. Erasure cannot be undone and the archive law sets the period by procedure, so the operator
    /// chooses it: nothing is erased by a default nobody chose.
    /// </summary>
    public TimeSpan PersonalDataAfter { get; set; } = TimeSpan.Zero;

    /// <summary>How many dossiers one look erases at most, one after the other, before it looks again.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often each silo looks for closed dossiers past the period once it found none.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => PersonalDataAfter > TimeSpan.Zero;
}

namespace DvcGrains.Server.Security;

/// <summary>
/// The <c>Dvc:Lookup</c> section: how many wrong look-ups (a wrong code, or a dossier that does not exist) a client
/// may make, as a budget that refills: all of it at once, then one more every <see cref="WrongGuessPeriod"/> /
/// <see cref="WrongGuesses"/>. A person who mistypes a few times is never stopped; a program that guesses is, at
/// about <see cref="WrongGuesses"/> tries a period against codes of 20^8.
/// </summary>
public sealed class LookupOptions
{
    public const string Section = "Dvc:Lookup";

    public int WrongGuesses { get; set; } = 10;

    public TimeSpan WrongGuessPeriod { get; set; } = TimeSpan.FromHours(1);
}

namespace DvcGrains.Server.Grpc;

/// <summary>The <c>Dvc:PageTokens</c> section: how long the token of a list's next page is good.</summary>
public sealed class PageTokenOptions
{
    public const string Section = "Dvc:PageTokens";

    /// <summary>
    /// How long after its page a token opens the next one: a token that leaks is good for this long, and only to the
    /// caller it was given to.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
}

namespace DvcGrains.Server.Edge;

/// <summary>
/// Every reason a refusal names in its <c>dvc-error</c> trailer (and <c>ErrorInfo.reason</c>), as the contract's
/// comments spell them: the one list, which the README and docs/integration.md repeat.
/// </summary>
public static class ErrorReasons
{
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string UnknownUnit = "UNKNOWN_UNIT";
    public const string UnknownProcedure = "UNKNOWN_PROCEDURE";
    public const string BadTime = "BAD_TIME";
    public const string DossierNotFound = "DOSSIER_NOT_FOUND";
    public const string DossierExists = "DOSSIER_EXISTS";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string FeedReset = "FEED_RESET";
    public const string VersionConflict = "VERSION_CONFLICT";
    public const string CodesExhausted = "CODES_EXHAUSTED";
    public const string Overloaded = "OVERLOADED";
    public const string ListTooSlow = "LIST_TOO_SLOW";
    public const string Unavailable = "UNAVAILABLE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string UnknownRoute = "UNKNOWN_ROUTE";

    public static readonly IReadOnlyList<string> All =
    [
        InvalidArgument, UnknownUnit, UnknownProcedure, BadTime, DossierNotFound, DossierExists, IllegalTransition, FeedReset,
        VersionConflict, CodesExhausted, Overloaded, ListTooSlow, Unavailable, Unauthenticated, Forbidden, UnknownRoute,
    ];
}

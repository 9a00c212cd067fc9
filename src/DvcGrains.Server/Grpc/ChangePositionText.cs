using System.Globalization;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Edge;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// A change's position as the contract carries it: the database's incarnation (its number, then its nonce), the
/// commit, the dossier's code and the version, in lower-case hex separated by '-', so that positions compare as plain
/// strings in feed order (the separator sorts below every hex digit, as a shorter code sorts before a longer one it
/// begins) and read the same on every server of the storage.
/// </summary>
public static class ChangePositionText
{
    private const int IncarnationDigits = 8 + 16;
    private const int CommitDigits = 16;
    private const int VersionDigits = 8;

    public static string Of(ChangePosition position) => string.Create(CultureInfo.InvariantCulture,
        $"{position.Incarnation.Number:x8}{position.Incarnation.Nonce:x16}-{position.Commit:x16}-{Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(position.DossierId))}-{position.Version:x8}");

    /// <summary>
    /// The position of a change this server (or another of its storage) sent, or INVALID_ARGUMENT; one from a build
    /// before positions named the database's incarnation is FEED_RESET, since nothing tells which history it is of.
    /// </summary>
    public static ChangePosition Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Length <= IncarnationDigits + CommitDigits + VersionDigits + 3 + 2 * DossierCode.MaxLength ? text.Split('-') : [];
        if (parts is [var incarnation, var commit, var dossier, var version] && incarnation.Length == IncarnationDigits && IsLowerHex(incarnation)
            && Change(commit, dossier, version) is var (number, dossierId, versionNumber))
        {
            return new ChangePosition(
                new DatabaseIncarnation(int.Parse(incarnation[..8], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                    unchecked((long)ulong.Parse(incarnation[8..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))),
                number, dossierId, versionNumber);
        }
        if (parts is [var legacyCommit, var legacyDossier, var legacyVersion] && Change(legacyCommit, legacyDossier, legacyVersion) is not null)
        {
            throw DvcErrors.FeedReset(EdgeMessages.PositionBeforeIncarnations.With(field, EdgeMessages.FeedResetAdvice.Alone()));
        }
        throw DvcErrors.InvalidArgument(field, EdgeMessages.NotAChangePosition.With(field));
    }

    private static (ulong Commit, string DossierId, int Version)? Change(string commit, string dossier, string version)
    {
        if (commit.Length == CommitDigits && version.Length == VersionDigits && IsLowerHex(commit) && IsLowerHex(dossier) && IsLowerHex(version)
            && dossier.Length % 2 == 0 && int.Parse(version, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) is var number and > 0)
        {
            var dossierId = System.Text.Encoding.ASCII.GetString(Convert.FromHexString(dossier));
            if (DossierCode.Problem(dossierId) is null)
            {
                return (ulong.Parse(commit, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), dossierId, number);
            }
        }
        return null;
    }

    private static bool IsLowerHex(string text) => text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

using System.Globalization;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// A change's position as the contract carries it: the commit, the dossier's code and the version, in lower-case hex
/// separated by '-', so that positions compare as plain strings in feed order (the separator sorts below every hex digit,
/// as a shorter code sorts before a longer one it begins) and read the same on every server of the storage.
/// </summary>
public static class ChangePositionText
{
    private const int CommitDigits = 16;
    private const int VersionDigits = 8;

    public static string Of(ChangePosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Commit:x16}-{Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(position.DossierId))}-{position.Version:x8}");

    /// <summary>The position of a change this server (or another of its storage) sent, or INVALID_ARGUMENT.</summary>
    public static ChangePosition Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Length <= CommitDigits + VersionDigits + 2 + 2 * DossierCode.MaxLength ? text.Split('-') : [];
        if (parts is [var commit, var dossier, var version] && commit.Length == CommitDigits && version.Length == VersionDigits
            && IsLowerHex(commit) && IsLowerHex(dossier) && IsLowerHex(version) && dossier.Length % 2 == 0
            && int.Parse(version, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) is var number and > 0)
        {
            var dossierId = System.Text.Encoding.ASCII.GetString(Convert.FromHexString(dossier));
            if (DossierCode.Problem(dossierId) is null)
            {
                return new ChangePosition(ulong.Parse(commit, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), dossierId, number);
            }
        }
        throw DvcErrors.InvalidArgument(field, EdgeMessages.NotAChangePosition.With(field));
    }

    private static bool IsLowerHex(string text) => text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

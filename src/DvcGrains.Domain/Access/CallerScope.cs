using System.Collections.Frozen;
using System.Text.Json.Serialization;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Access;

/// <summary>
/// The administrative units a caller may act for. A granted unit covers itself and every unit below it; the nation
/// (<c>VN</c>) covers all. Resolved once against the hierarchy, so that a decision needs only the dossier's unit code
/// and no hierarchy: <see cref="MayActFor"/> is a set look-up.
/// </summary>
public sealed class CallerScope
{
    private readonly FrozenSet<string> _covered;

    [JsonConstructor]
    public CallerScope(IReadOnlyList<string> granted, bool coversAll, IReadOnlyList<string> covered)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(covered);
        Granted = granted;
        CoversAll = coversAll;
        Covered = covered;
        _covered = covered.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every unit: the nation's portal, or a server without authentication.</summary>
    public static CallerScope Everything { get; } = new([AdministrativeUnit.NationCode], coversAll: true, []);

    /// <summary>The unit codes as granted (the token's <c>dvc_units</c>), for messages.</summary>
    public IReadOnlyList<string> Granted { get; }

    public bool CoversAll { get; }

    /// <summary>The granted units of the hierarchy and all their descendants; empty when <see cref="CoversAll"/>.</summary>
    public IReadOnlyList<string> Covered { get; }

    /// <summary>
    /// The scope of <paramref name="granted"/> unit codes in <paramref name="units"/>. A code the hierarchy does not
    /// have grants nothing: a token written for the other edition must not reach units that happen to share a code.
    /// </summary>
    /// <remarks>
    /// With a <paramref name="mapping"/>, a unit also covers the old units it took over, so that a portal acts for the
    /// dossiers received before the reform in its area; a dossier of an old unit without a successor is the nation's.
    /// </remarks>
    public static CallerScope Of(IEnumerable<string> granted, UnitHierarchy units, UnitMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(units);
        var codes = granted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (codes.Contains(AdministrativeUnit.NationCode, StringComparer.Ordinal))
        {
            return new CallerScope(codes, coversAll: true, []);
        }
        var covered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var unit in codes.Select(units.Find).OfType<AdministrativeUnit>())
        {
            covered.Add(unit.Code);
            foreach (var level in Enum.GetValues<UnitLevel>().Where(level => level > unit.Level))
            {
                covered.UnionWith(units.DescendantsAt(unit.Code, level).Select(descendant => descendant.Code));
            }
        }
        if (mapping is not null)
        {
            covered.UnionWith(covered.SelectMany(mapping.PredecessorsOf).ToList());
        }
        return new CallerScope(codes, coversAll: false, [.. covered]);
    }

    public bool MayActFor(string unitCode) => CoversAll || _covered.Contains(unitCode);

    /// <summary>Why the caller may not act for <paramref name="unitCode"/>, or null when it may.</summary>
    /// <param name="what">What the caller asked for, as a message (<c>DossierMessages.Named</c> …).</param>
    public Message? WhyNot(string unitCode, Message what) =>
        MayActFor(unitCode) ? null : AccessMessages.OutsideGrant.With(what, QuotedInput.Of(unitCode), GrantedText);

    /// <summary>
    /// As <see cref="WhyNot"/>, without naming the unit: for a dossier the caller did not ask about by its unit (a
    /// submission under a code that another unit's dossier holds), whose unit it has no business learning.
    /// </summary>
    public Message? WhyNotUnnamed(string unitCode, Message what) =>
        MayActFor(unitCode) ? null : AccessMessages.OutsideGrantUnnamed.With(what, GrantedText);

    private Message GrantedText => Granted.Count switch
    {
        0 => AccessMessages.NoneGranted.Alone(),
        <= 5 => AccessMessages.Granted.With(string.Join(", ", Granted.Select(code => QuotedInput.Of(code)))),
        _ => AccessMessages.MoreGranted.With(string.Join(", ", Granted.Take(5).Select(code => QuotedInput.Of(code))), Granted.Count - 5),
    };
}

using DvcGrains.Api.V1;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>
/// The units of the campaign's province that receive its dossiers, by level: the province's own agencies at its code,
/// its districts' (2023 hierarchy) and its communes'. Provinces report their campaigns by these levels.
/// </summary>
public sealed class ProvinceAgencies(string province, IReadOnlyList<string> districts, IReadOnlyList<string> communes, ReplayMix mix)
{
    /// <summary>Every unit a dossier of the province may be filed at.</summary>
    public IReadOnlyCollection<string> Units { get; } = [province, .. districts, .. communes];

    /// <summary>The unit of the next dossier and its level: the own agencies, a district where there are some, else a commune.</summary>
    public (string Unit, UnitLevel Level) Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var draw = random.NextDouble();
        return draw < mix.OwnAgencies ? (province, UnitLevel.Province)
            : districts.Count > 0 && draw < mix.OwnAgencies + mix.Districts ? (districts[random.Next(districts.Count)], UnitLevel.District)
            : (communes[random.Next(communes.Count)], UnitLevel.Commune);
    }
}

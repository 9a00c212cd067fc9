using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>Where the next dossier is filed: a commune, drawn by one of the traffic shapes below.</summary>
public abstract class UnitPicker
{
    /// <summary>Every commune this picker can return: the units whose counters a run may move.</summary>
    public abstract IReadOnlyCollection<string> Communes { get; }

    public abstract string Pick(Random random);

    /// <summary>Any commune, each as likely.</summary>
    public static UnitPicker Uniform(IReadOnlyList<string> communes) => new UniformPicker(communes);

    /// <summary>
    /// Provinces skewed by Zipf, ranked by their number of communes (the big provinces file the most), then any commune
    /// of the drawn province.
    /// </summary>
    public static UnitPicker Zipf(ReferenceData data, double exponent) => new ZipfPicker(data, exponent);

    /// <summary>One province takes <paramref name="share"/> of the dossiers; the rest go elsewhere as <paramref name="others"/> draws.</summary>
    public static UnitPicker Hot(IReadOnlyList<string> hotCommunes, double share, UnitPicker others) => new HotPicker(hotCommunes, share, others);

    private sealed class UniformPicker(IReadOnlyList<string> communes) : UnitPicker
    {
        public override IReadOnlyCollection<string> Communes => communes;
        public override string Pick(Random random) => communes[random.Next(communes.Count)];
    }

    private sealed class ZipfPicker : UnitPicker
    {
        private readonly IReadOnlyList<string>[] _provinces;
        private readonly ZipfSampler _sampler;

        public ZipfPicker(ReferenceData data, double exponent)
        {
            _provinces = [.. data.CommunesByProvince.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)];
            _sampler = new ZipfSampler(_provinces.Length, exponent);
            Communes = data.Communes;
        }

        public override IReadOnlyCollection<string> Communes { get; }

        public override string Pick(Random random)
        {
            var communes = _provinces[_sampler.Next(random)];
            return communes[random.Next(communes.Count)];
        }
    }

    private sealed class HotPicker(IReadOnlyList<string> hotCommunes, double share, UnitPicker others) : UnitPicker
    {
        public override IReadOnlyCollection<string> Communes { get; } = [.. hotCommunes.Union(others.Communes, StringComparer.Ordinal)];

        public override string Pick(Random random) =>
            random.NextDouble() < share ? hotCommunes[random.Next(hotCommunes.Count)] : others.Pick(random);
    }
}

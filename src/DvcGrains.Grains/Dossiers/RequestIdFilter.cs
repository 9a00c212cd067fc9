namespace DvcGrains.Grains.Dossiers;

/// <summary>
/// The request ids a dossier applied, kept as hashes: a miss proves a request id new without reading storage, a hit
/// is confirmed there. A dossier applies tens of commands in its life, so a list beats a set.
/// </summary>
public sealed class RequestIdFilter
{
    private readonly List<int> _hashes = [];

    public void Add(string requestId) => _hashes.Add(Hash(requestId));

    public bool MayContain(string requestId) => _hashes.Contains(Hash(requestId));

    public void Clear() => _hashes.Clear();

    private static int Hash(string requestId) => StringComparer.Ordinal.GetHashCode(requestId);
}

using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// This silo's row in <c>cluster_member</c>, which every commit of its pipeline checks in its own statement: once the
/// cluster has declared the silo dead, the other silos recount the units it fed, so a commit of its after that would
/// be counted nowhere (a slow shutdown past its deadline, a silo cut off from its peers that still reaches the
/// database). Each commit holds the silo's fence (an advisory lock, migration 0008) shared, and the statement that
/// declares the silo dead holds it exclusive: the declaration waits for the commits in flight, and a commit after it
/// finds the silo dead and writes nothing.
/// </summary>
public sealed record CommitFence(string ClusterId, string Address, int Port, int Generation)
{
    /// <summary>The status Orleans records for a dead silo (<see cref="SiloStatus.Dead"/>).</summary>
    public const int Dead = (int)SiloStatus.Dead;

    public static CommitFence Of(ILocalSiloDetails silo, IOptions<ClusterOptions> cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        var endpoint = silo.SiloAddress.Endpoint;
        return new CommitFence(cluster.Value.ClusterId, endpoint.Address.ToString(), endpoint.Port, silo.SiloAddress.Generation);
    }
}

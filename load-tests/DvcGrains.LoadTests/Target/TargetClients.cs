using DvcGrains.Api.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace DvcGrains.LoadTests.Target;

/// <summary>The generated clients of the contract's services over one channel.</summary>
public sealed class TargetClients(GrpcChannel channel)
{
    public string Address { get; } = channel.Target;
    public Dossiers.DossiersClient Dossiers { get; } = new(channel);
    public Kpis.KpisClient Kpis { get; } = new(channel);
    public Catalog.CatalogClient Catalog { get; } = new(channel);
    public Health.HealthClient Health { get; } = new(channel);
}

using DvcGrains.Api.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace DvcGrains.LoadTests.Target;

/// <summary>The generated clients of the contract's services over one channel, as one identity (or none) calls them.</summary>
/// <param name="commands">How the dossier commands travel; null: over this channel's gRPC.</param>
public sealed class TargetClients(string address, CallInvoker invoker, int identity, IDossierCommands? commands = null)
{
    public string Address { get; } = address;

    /// <summary>Which line of --token-file the calls carry (0 without one).</summary>
    public int Identity { get; } = identity;

    public Dossiers.DossiersClient Dossiers { get; } = new(invoker);
    public Kpis.KpisClient Kpis { get; } = new(invoker);
    public Catalog.CatalogClient Catalog { get; } = new(invoker);
    public Health.HealthClient Health { get; } = new(invoker);

    /// <summary>The dossier commands, over the run's --transport.</summary>
    public IDossierCommands Commands { get; } = commands ?? new GrpcDossierCommands(new Dossiers.DossiersClient(invoker));
}

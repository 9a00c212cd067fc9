using DvcGrains.Abstractions.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DvcGrains.Grains;

/// <summary>
/// The Orleans grain storage providers of the grains that keep their state through Orleans (dossiers have their own
/// store, <see cref="Dossiers.IDossierStore"/>).
/// </summary>
public static class GrainStorage
{
    public const string Units = "units";
    public const string Catalog = "catalog";
    public const string Codes = "codes";

    public static readonly IReadOnlyList<string> All = [Units, Catalog, Codes];

    /// <summary>
    /// Grain state is stored with the silo's serializer by every provider, the domain values inside it as JSON: the
    /// default Newtonsoft-based storage serializer cannot read the domain's polymorphic records back.
    /// </summary>
    public static IServiceCollection AddGrainStateSerialization(this IServiceCollection services) =>
        services
            .AddDomainSerialization()
            .AddSingleton<IGrainStorageSerializer>(provider => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));
}

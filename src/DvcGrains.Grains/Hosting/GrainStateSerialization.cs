using DvcGrains.Abstractions.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DvcGrains.Grains.Hosting;

public static class GrainStateSerialization
{
    /// <summary>
    /// Grain state is stored with the silo's serializer by every provider, the domain values inside it as JSON: the
    /// default Newtonsoft-based storage serializer cannot read the domain's polymorphic records back.
    /// </summary>
    public static IServiceCollection AddGrainStateSerialization(this IServiceCollection services) =>
        services
            .AddDomainSerialization()
            .AddSingleton<IGrainStorageSerializer>(provider => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));
}

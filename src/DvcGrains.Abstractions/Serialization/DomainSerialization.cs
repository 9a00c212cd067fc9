using DvcGrains.Domain.Access;
using DvcGrains.Domain.Kpis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DvcGrains.Abstractions.Serialization;

/// <summary>
/// Domain values cross grain boundaries as JSON (decision 2), so the domain stays free of Orleans attributes. They are
/// immutable, so a grain call inside one silo passes them by reference instead of copying them.
/// </summary>
public static class DomainSerialization
{
    public static IServiceCollection AddDomainSerialization(this IServiceCollection services) =>
        services
            .AddSerializer(serializer => serializer.AddJsonSerializer(isSerializable: IsDomainType, isCopyable: _ => false))
            .AddSingleton<Orleans.Serialization.Cloning.IGeneralizedCopier, ImmutableDomainValueCopier>();

    public static bool IsDomainType(Type type) =>
        type.Namespace?.StartsWith("DvcGrains.Domain", StringComparison.Ordinal) == true;

    /// <summary>
    /// Records, value types and the domain's immutable classes: the domain's values, immutable by construction.
    /// Services of the domain (calendar, hierarchy, counter book) never cross a grain boundary.
    /// </summary>
    public static bool IsImmutableDomainValue(Type type) =>
        IsDomainType(type) && (type.IsValueType || ImmutableClasses.Contains(type) || type.GetMethod("<Clone>$") is not null);

    private static readonly HashSet<Type> ImmutableClasses = [typeof(KpiDelta), typeof(LevelledDelta), typeof(CallerScope)];
}

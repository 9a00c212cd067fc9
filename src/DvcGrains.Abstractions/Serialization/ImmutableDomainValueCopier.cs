using Orleans.Serialization.Cloning;

namespace DvcGrains.Abstractions.Serialization;

/// <summary>Passes immutable domain values by reference where Orleans would deep-copy a call's arguments and result.</summary>
public sealed class ImmutableDomainValueCopier : IGeneralizedCopier
{
    public bool IsSupportedType(Type type) => DomainSerialization.IsImmutableDomainValue(type);

    public object? DeepCopy(object? input, CopyContext context) => input;
}

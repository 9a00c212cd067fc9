using DvcGrains.Server.Edge;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

/// <summary>The contract's enums carry the domain's numbers (the portal's status codes), so mapping is a checked cast.</summary>
public static class ProtoEnums
{
    public static V1.DossierStatus ToProto(this Domain.Dossiers.DossierStatus status) => (V1.DossierStatus)(int)status;

    public static V1.Channel ToProto(this Domain.Dossiers.Channel channel) => (V1.Channel)(int)channel;

    public static V1.ApplicantType ToProto(this Domain.Dossiers.ApplicantType type) => (V1.ApplicantType)(int)type;

    public static V1.Timeliness ToProto(this Domain.Dossiers.Timeliness timeliness) => (V1.Timeliness)(int)timeliness;

    public static V1.UnitLevel ToProto(this Domain.Units.UnitLevel level) => (V1.UnitLevel)(int)level;

    public static Domain.Dossiers.Channel ToDomain(this V1.Channel channel) =>
        Defined<Domain.Dossiers.Channel>((int)channel, "channel");

    public static Domain.Dossiers.ApplicantType ToDomain(this V1.ApplicantType type) =>
        Defined<Domain.Dossiers.ApplicantType>((int)type, "applicant_type");

    public static Domain.Dossiers.PaymentMethod ToDomain(this V1.PaymentMethod method) =>
        Defined<Domain.Dossiers.PaymentMethod>((int)method, "method");

    public static Domain.Units.UnitLevel ToDomain(this V1.UnitLevel level) =>
        Defined<Domain.Units.UnitLevel>((int)level, "level");

    private static T Defined<T>(int value, string field) where T : struct, Enum =>
        Enum.IsDefined(typeof(T), value)
            ? (T)(object)value
            : throw DvcErrors.InvalidArgument(field, EdgeMessages.NotAKnownValue.With(field, value, string.Join(", ", Enum.GetNames<T>())));
}

using Api = DvcGrains.Api.V1;
using Domain = DvcGrains.Domain;

namespace DvcGrains.Server.Grpc.Mapping;

/// <summary>The contract's enums carry the domain's numbers (the portal's status codes), so mapping is a checked cast.</summary>
public static class ProtoEnums
{
    public static Api.DossierStatus ToProto(this Domain.Dossiers.DossierStatus status) => (Api.DossierStatus)(int)status;

    public static Api.Channel ToProto(this Domain.Dossiers.Channel channel) => (Api.Channel)(int)channel;

    public static Api.ApplicantType ToProto(this Domain.Dossiers.ApplicantType type) => (Api.ApplicantType)(int)type;

    public static Api.Timeliness ToProto(this Domain.Dossiers.Timeliness timeliness) => (Api.Timeliness)(int)timeliness;

    public static Api.UnitLevel ToProto(this Domain.Units.UnitLevel level) => (Api.UnitLevel)(int)level;

    public static Domain.Dossiers.Channel ToDomain(this Api.Channel channel) =>
        Defined<Domain.Dossiers.Channel>((int)channel, "channel");

    public static Domain.Dossiers.ApplicantType ToDomain(this Api.ApplicantType type) =>
        Defined<Domain.Dossiers.ApplicantType>((int)type, "applicant_type");

    public static Domain.Dossiers.PaymentMethod ToDomain(this Api.PaymentMethod method) =>
        Defined<Domain.Dossiers.PaymentMethod>((int)method, "method");

    public static Domain.Units.UnitLevel ToDomain(this Api.UnitLevel level) =>
        Defined<Domain.Units.UnitLevel>((int)level, "level");

    private static T Defined<T>(int value, string field) where T : struct, Enum =>
        Enum.IsDefined(typeof(T), value)
            ? (T)(object)value
            : throw DvcErrors.InvalidArgument($"{field} = {value} is not a known value; use one of {string.Join(", ", Enum.GetNames<T>())}.");
}

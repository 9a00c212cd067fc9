namespace DvcGrains.Domain.Dossiers;

public enum PaymentMethod
{
    Unspecified = 0,
    Cash = 1,
    OnlineNationalPortal = 2,
    OnlineLocalGateway = 3,
}

public static class PaymentMethodExtensions
{
    public static bool IsOnline(this PaymentMethod method) =>
        method is PaymentMethod.OnlineNationalPortal or PaymentMethod.OnlineLocalGateway;
}

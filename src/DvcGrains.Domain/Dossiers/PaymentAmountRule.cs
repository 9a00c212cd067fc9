using System.Globalization;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Fees, charges and payments in đồng. Land levies reach billions of đồng; the bounds, far beyond that, keep a dossier's
/// sums exact (a 64-bit sum cannot overflow) and catch amounts typed with a few zeros too many.
/// </summary>
public static class PaymentAmountRule
{
    /// <summary>One fee, charge or payment: ten thousand billion đồng.</summary>
    public const long MaxAmountVnd = 10_000_000_000_000;

    /// <summary>All that is due on one dossier, and all that is paid on it.</summary>
    public const long MaxTotalVnd = 100_000_000_000_000;

    /// <summary>Why the amount a command adds to the dossier's sums is refused, or null.</summary>
    public static string? WhyNot(DossierState state, DossierCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        return command switch
        {
            RequestPayment c when state.FeeDueVnd + c.AmountVnd > MaxTotalVnd => TotalRefusal(c, "due", state.FeeDueVnd),
            RecordPayment c when state.PaidVnd + c.AmountVnd > MaxTotalVnd => TotalRefusal(c, "paid", state.PaidVnd),
            _ => null,
        };
    }

    /// <summary>Why a single amount is refused, or null when it is more than 0 and at most <see cref="MaxAmountVnd"/>.</summary>
    public static string? AmountProblem(string what, long amountVnd) =>
        amountVnd <= 0 ? string.Create(CultureInfo.InvariantCulture, $"{what} needs an amount of more than 0 VND; got {amountVnd}.")
        : amountVnd > MaxAmountVnd ? string.Create(CultureInfo.InvariantCulture, $"{what} of {amountVnd:N0} VND is more than {MaxAmountVnd:N0} VND; check the amount.")
        : null;

    private static string TotalRefusal(DossierCommand command, string sum, long sofar) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{command.Name} would bring the amount {sum} on the dossier past {MaxTotalVnd:N0} VND ({sofar:N0} VND so far); check the amount.");
}

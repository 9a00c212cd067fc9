using System.Globalization;
using DvcGrains.Domain.Text;

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
    public static Message? WhyNot(DossierState state, DossierCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        return command switch
        {
            RequestPayment c when state.FeeDueVnd + c.AmountVnd > MaxTotalVnd => TotalRefusal(DossierMessages.TotalDueTooLarge, c, state.FeeDueVnd),
            RecordPayment c when state.PaidVnd + c.AmountVnd > MaxTotalVnd => TotalRefusal(DossierMessages.TotalPaidTooLarge, c, state.PaidVnd),
            _ => null,
        };
    }

    /// <summary>Why a single amount is refused, or null when it is more than 0 and at most <see cref="MaxAmountVnd"/>.</summary>
    public static Message? AmountProblem(string what, long amountVnd) =>
        amountVnd <= 0 ? DossierMessages.AmountNotPositive.With(what, amountVnd)
        : amountVnd > MaxAmountVnd ? DossierMessages.AmountTooLarge.With(what, Grouped(amountVnd), Grouped(MaxAmountVnd))
        : null;

    private static Message TotalRefusal(MessageTemplate template, DossierCommand command, long sofar) =>
        template.With(command.Name, Grouped(MaxTotalVnd), Grouped(sofar));

    /// <summary>An amount in đồng with its thousands grouped by commas, written the same in both languages' messages.</summary>
    private static string Grouped(long amountVnd) => amountVnd.ToString("N0", CultureInfo.InvariantCulture);
}

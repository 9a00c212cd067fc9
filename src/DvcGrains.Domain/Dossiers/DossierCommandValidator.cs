using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>Checks of a command's own fields, which need no dossier: the contract's INVALID_ARGUMENT cases.</summary>
public static class DossierCommandValidator
{
    /// <summary>What is wrong with <paramref name="command"/>'s fields, and which field (its name in the contract), or null when nothing is.</summary>
    public static (string Field, Message Message)? Problem(DossierCommand command) => command switch
    {
        Submit { Channel: Channel.Unspecified } => ("channel", DossierMessages.ChannelRequired.Alone()),
        Refuse { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestSupplement { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestWithdrawal { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        StopProcessing { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        IssueApology { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { Method: PaymentMethod.Unspecified } => ("method", DossierMessages.PaymentMethodRequired.Alone()),
        _ => null,
    };

    private static (string, Message) ReasonRequired(DossierCommand command) => ("reason", DossierMessages.ReasonRequired.With(command.Name));
}

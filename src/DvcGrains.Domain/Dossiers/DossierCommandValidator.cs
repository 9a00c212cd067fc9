namespace DvcGrains.Domain.Dossiers;

/// <summary>Checks of a command's own fields, which need no dossier: the contract's INVALID_ARGUMENT cases.</summary>
public static class DossierCommandValidator
{
    /// <summary>What is wrong with <paramref name="command"/>'s fields, and which field (its name in the contract), or null when nothing is.</summary>
    public static (string Field, string Message)? Problem(DossierCommand command) => command switch
    {
        Submit { Channel: Channel.Unspecified } => ("channel", "The channel is required: IN_PERSON, ONLINE or POSTAL."),
        Refuse { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestSupplement { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestWithdrawal { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        StopProcessing { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        IssueApology { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { Method: PaymentMethod.Unspecified } => ("method", "RecordPayment needs the payment method: cash, national portal or local gateway."),
        _ => null,
    };

    private static (string, string) ReasonRequired(DossierCommand command) => ("reason", $"{command.Name} needs a reason: it is shown to the applicant.");
}

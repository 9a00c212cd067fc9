namespace DvcGrains.Domain.Dossiers;

/// <summary>Checks of a command's own fields, which need no dossier: the contract's INVALID_ARGUMENT cases.</summary>
public static class DossierCommandValidator
{
    /// <summary>What is wrong with <paramref name="command"/>'s fields, or null when nothing is.</summary>
    public static string? Problem(DossierCommand command) => command switch
    {
        Submit { Channel: Channel.Unspecified } => "The channel is required: IN_PERSON, ONLINE or POSTAL.",
        Submit { Channel: not Channel.Online } submit when !submit.Procedure.ProcessingTime.IsPositive => NoProcessingTime(submit.Procedure.Code, submit.Procedure.ProcessingTime),
        Receive receive when !receive.Procedure.ProcessingTime.IsPositive => NoProcessingTime(receive.Procedure.Code, receive.Procedure.ProcessingTime),
        Refuse { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestSupplement { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestWithdrawal { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        StopProcessing { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        IssueApology { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestPayment { AmountVnd: <= 0 and var amount } => AmountNotPositive(command, amount),
        RecordPayment { AmountVnd: <= 0 and var amount } => AmountNotPositive(command, amount),
        RecordPayment { Method: PaymentMethod.Unspecified } => "RecordPayment needs the payment method: cash, national portal or local gateway.",
        _ => null,
    };

    /// <remarks>
    /// Checked where the dossier is received (in person, by post, or Receive), because only there is a deadline set;
    /// an online dossier waits for reception, when the catalogue's entry at that time counts.
    /// </remarks>
    private static string NoProcessingTime(string procedureCode, Procedures.ProcessingTime time) =>
        $"Procedure {procedureCode} has no positive processing time ({time.WorkingDays} working days, {time.WorkingHours} h), "
        + "so no deadline can be set; fix the procedure in the catalogue.";

    private static string ReasonRequired(DossierCommand command) => $"{command.Name} needs a reason: it is shown to the applicant.";

    private static string AmountNotPositive(DossierCommand command, long amount) =>
        $"{command.Name} needs an amount of more than 0 VND; got {amount}.";
}

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// The statuses each command may be applied in (docs/domain.md "Dossier lifecycle", dvc.proto). Where the command moves
/// the dossier is the fold's business (<see cref="DossierState.Apply"/>).
/// </summary>
public static class DossierTransitions
{
    private static readonly DossierStatus[] None = [];
    private static readonly DossierStatus[] Submitted = [DossierStatus.Submitted];
    private static readonly DossierStatus[] Received = [DossierStatus.Received];
    private static readonly DossierStatus[] Processing = [DossierStatus.Processing];
    private static readonly DossierStatus[] SupplementRequested = [DossierStatus.SupplementRequested];
    private static readonly DossierStatus[] PaymentRequested = [DossierStatus.PaymentRequested];
    private static readonly DossierStatus[] Finished = [DossierStatus.Finished];
    private static readonly DossierStatus[] Returned = [DossierStatus.Returned];
    private static readonly DossierStatus[] ProcessingOrPaymentRequested = [DossierStatus.Processing, DossierStatus.PaymentRequested];
    private static readonly DossierStatus[] ProcessingOrWithdrawalRequested = [DossierStatus.Processing, DossierStatus.WithdrawalRequested];
    private static readonly DossierStatus[] All = Enum.GetValues<DossierStatus>();

    /// <summary>Every non-terminal status but the withdrawal request itself.</summary>
    private static readonly DossierStatus[] Withdrawable =
    [
        DossierStatus.Submitted,
        DossierStatus.Received,
        DossierStatus.Processing,
        DossierStatus.SupplementRequested,
        DossierStatus.PaymentRequested,
        DossierStatus.Finished,
    ];

    /// <summary>The statuses of a dossier that can be received and unfinished; <see cref="ApologyRule"/> decides the rest.</summary>
    private static readonly DossierStatus[] Apologisable =
    [
        DossierStatus.Received,
        DossierStatus.Processing,
        DossierStatus.SupplementRequested,
        DossierStatus.PaymentRequested,
        DossierStatus.WithdrawalRequested,
    ];

    /// <summary>The statuses <paramref name="command"/> may be applied in; none for a Submit, which needs no dossier.</summary>
    public static IReadOnlyList<DossierStatus> AllowedFrom(DossierCommand command) => command switch
    {
        Submit => None,
        Receive or Refuse => Submitted,
        StartProcessing => Received,
        RequestSupplement or RequestPayment => Processing,
        CompleteSupplement => SupplementRequested,
        RecordPayment => PaymentRequested,
        FinishProcessing => ProcessingOrPaymentRequested,
        ReturnResult => Finished,
        RequestWithdrawal => Withdrawable,
        StopProcessing => ProcessingOrWithdrawalRequested,
        IssueApology => Apologisable,
        Rate => Returned,
        MarkSynced => All,
        _ => throw new ArgumentException($"Unknown dossier command {command.GetType().Name}.", nameof(command)),
    };
}

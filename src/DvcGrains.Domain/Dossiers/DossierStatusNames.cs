namespace DvcGrains.Domain.Dossiers;

/// <summary>The contract's upper-case status names (dvc.proto), as error messages show them.</summary>
public static class DossierStatusNames
{
    public static string ToContractName(this DossierStatus status) => status switch
    {
        DossierStatus.Submitted => "SUBMITTED",
        DossierStatus.Received => "RECEIVED",
        DossierStatus.Refused => "REFUSED",
        DossierStatus.Processing => "PROCESSING",
        DossierStatus.SupplementRequested => "SUPPLEMENT_REQUESTED",
        DossierStatus.PaymentRequested => "PAYMENT_REQUESTED",
        DossierStatus.WithdrawalRequested => "WITHDRAWAL_REQUESTED",
        DossierStatus.Stopped => "STOPPED",
        DossierStatus.Finished => "FINISHED",
        DossierStatus.Returned => "RETURNED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown dossier status."),
    };

    /// <summary>"PROCESSING", "PROCESSING or STOPPED", "RECEIVED, PROCESSING or STOPPED".</summary>
    public static string ToContractNames(this IReadOnlyList<DossierStatus> statuses) => statuses.Count switch
    {
        0 => "no status",
        1 => statuses[0].ToContractName(),
        _ => $"{string.Join(", ", statuses.Take(statuses.Count - 1).Select(ToContractName))} or {statuses[^1].ToContractName()}",
    };
}

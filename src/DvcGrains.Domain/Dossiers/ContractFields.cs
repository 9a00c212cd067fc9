namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// The contract's names of the request fields a refusal can blame (a rejection's <see cref="DossierRejection.Field"/>,
/// what the error details name to the portal).
/// </summary>
public static class ContractFields
{
    public const string RequestId = "meta.request_id";
    public const string DossierId = "meta.dossier_id";
    public const string ExpectedVersion = "meta.expected_version";
    public const string At = "meta.at";
    public const string ProcedureCode = "procedure_code";
    public const string AmountVnd = "amount_vnd";
    public const string NewAppointment = "new_appointment";
}

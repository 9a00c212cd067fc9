namespace DvcGrains.Domain.Dossiers;

/// <summary>Why a command was refused; the names are the contract's machine-readable reasons (dvc-error).</summary>
public enum RejectionReason
{
    InvalidArgument,
    UnknownUnit,
    UnknownProcedure,
    BadTime,
    DossierNotFound,
    DossierExists,
    IllegalTransition,
    VersionConflict,
    Forbidden,
}

using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Procedures;

/// <summary>
/// When a procedure may enter the catalog. Input from operators, so problems come back as a sentence that says
/// what to fix, never as an exception.
/// </summary>
public static class ProcedureValidation
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 500;

    public static bool IsValid(Procedure procedure) => FirstProblem(procedure) is null;

    /// <summary>The first thing wrong with <paramref name="procedure"/>, or null when it is valid.</summary>
    public static string? FirstProblem(Procedure procedure) => FirstFieldProblem(procedure)?.Message;

    /// <summary>The first thing wrong with <paramref name="procedure"/> and the contract's field it is in, or null when it is valid.</summary>
    public static (string Field, string Message)? FirstFieldProblem(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return CodeProblem(procedure.Code) is { } code ? ("code", code)
            : NameProblem(procedure.Name) is { } name ? ("name", name)
            : TimeProblem(procedure) is { } time ? (procedure.ProcessingHours < 0 || procedure.ProcessingHours > ProcessingTime.MaxWorkingHours ? "processing_hours" : "processing_working_days", time)
            : FeeProblem(procedure.FeeVnd) is { } fee ? ("fee_vnd", fee)
            : null;
    }

    /// <summary>What is wrong with a procedure code (1-64 characters of A-Z a-z 0-9 . _ -), or null.</summary>
    public static string? CodeProblem(string? code)
    {
        const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";
        if (string.IsNullOrEmpty(code))
        {
            return $"The procedure code is missing; give {Rule}.";
        }

        if (code.Length > MaxCodeLength)
        {
            return $"The procedure code has {code.Length} characters; give {Rule}.";
        }

        var bad = code.FirstOrDefault(c => !IsCodeCharacter(c), '\0');
        return bad == '\0' ? null : $"The procedure code {QuotedInput.Of(code)} contains {QuotedInput.Of(bad.ToString())}; give {Rule}.";
    }

    private static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The procedure name is empty; give its official Vietnamese name."
        : name.Length > MaxNameLength ? $"The procedure name has {name.Length} characters; shorten it to {MaxNameLength} at most."
        : null;

    private static string? TimeProblem(Procedure procedure) =>
        procedure.ProcessingWorkingDays < 0 ? $"The processing time of {procedure.ProcessingWorkingDays} working days is negative; give 0 or more."
        : procedure.ProcessingHours < 0 ? $"The processing time of {procedure.ProcessingHours} hours is negative; give 0 or more."
        : !procedure.ProcessingTime.IsPositive ? "The processing time is zero; give the statutory time in working days, or in hours for an hour-based procedure."
        : procedure.ProcessingWorkingDays > ProcessingTime.MaxWorkingDays
            ? $"The processing time of {procedure.ProcessingWorkingDays} working days is more than {ProcessingTime.MaxWorkingDays}; no procedure takes longer than a year."
        : procedure.ProcessingHours > ProcessingTime.MaxWorkingHours
            ? $"The processing time of {procedure.ProcessingHours} hours is more than {ProcessingTime.MaxWorkingHours}; give a long time in working days."
        : null;

    private static string? FeeProblem(long feeVnd) =>
        feeVnd < 0 ? $"The fee of {feeVnd} VND is negative; give 0 for a procedure without a fee."
        : feeVnd > PaymentAmountRule.MaxAmountVnd ? $"The fee of {feeVnd} VND is more than {PaymentAmountRule.MaxAmountVnd} VND; check the amount."
        : null;

    private static bool IsCodeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}

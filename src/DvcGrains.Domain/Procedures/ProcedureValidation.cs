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
    public static Message? FirstProblem(Procedure procedure) => FirstFieldProblem(procedure)?.Message;

    /// <summary>The first thing wrong with <paramref name="procedure"/> and the contract's field it is in, or null when it is valid.</summary>
    public static (string Field, Message Message)? FirstFieldProblem(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return CodeProblem(procedure.Code) is { } code ? ("code", code)
            : NameProblem(procedure.Name) is { } name ? ("name", name)
            : TimeProblem(procedure) is { } time ? (procedure.ProcessingHours < 0 || procedure.ProcessingHours > ProcessingTime.MaxWorkingHours ? "processing_hours" : "processing_working_days", time)
            : FeeProblem(procedure.FeeVnd) is { } fee ? ("fee_vnd", fee)
            : null;
    }

    /// <summary>What is wrong with a procedure code (1-64 characters of A-Z a-z 0-9 . _ -), or null.</summary>
    public static Message? CodeProblem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return ProcedureMessages.CodeMissing.Alone();
        }

        if (code.Length > MaxCodeLength)
        {
            return ProcedureMessages.CodeTooLong.With(code.Length);
        }

        var bad = code.FirstOrDefault(c => !IsCodeCharacter(c), '\0');
        return bad == '\0' ? null : ProcedureMessages.CodeBadCharacter.With(QuotedInput.Of(code), QuotedInput.Of(bad.ToString()));
    }

    private static Message? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? ProcedureMessages.NameEmpty.Alone()
        : name.Length > MaxNameLength ? ProcedureMessages.NameTooLong.With(name.Length, MaxNameLength)
        : null;

    private static Message? TimeProblem(Procedure procedure) =>
        procedure.ProcessingWorkingDays < 0 ? ProcedureMessages.DaysNegative.With(procedure.ProcessingWorkingDays)
        : procedure.ProcessingHours < 0 ? ProcedureMessages.HoursNegative.With(procedure.ProcessingHours)
        : !procedure.ProcessingTime.IsPositive ? ProcedureMessages.TimeZero.Alone()
        : procedure.ProcessingWorkingDays > ProcessingTime.MaxWorkingDays
            ? ProcedureMessages.DaysTooMany.With(procedure.ProcessingWorkingDays, ProcessingTime.MaxWorkingDays)
        : procedure.ProcessingHours > ProcessingTime.MaxWorkingHours
            ? ProcedureMessages.HoursTooMany.With(procedure.ProcessingHours, ProcessingTime.MaxWorkingHours)
        : null;

    private static Message? FeeProblem(long feeVnd) =>
        feeVnd < 0 ? ProcedureMessages.FeeNegative.With(feeVnd)
        : feeVnd > PaymentAmountRule.MaxAmountVnd ? ProcedureMessages.FeeTooLarge.With(feeVnd, PaymentAmountRule.MaxAmountVnd)
        : null;

    private static bool IsCodeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}

using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Procedures;

public class ProcedureValidationTests
{
    private static readonly Procedure BirthRegistration = new("1.001193", "Đăng ký khai sinh", 1, 0, true, 0, true);

    [Theory]
    [InlineData("1.001193")]
    [InlineData("KH-DN-01")]
    [InlineData("a_b.C-9")]
    [InlineData("X")]
    public void A_complete_procedure_is_valid(string code)
    {
        Assert.Null(ProcedureValidation.FirstProblem(BirthRegistration with { Code = code }));
        Assert.True(ProcedureValidation.IsValid(BirthRegistration with { Code = code }));
    }

    [Fact]
    public void A_code_of_exactly_64_characters_is_valid_and_65_is_not()
    {
        Assert.Null(ProcedureValidation.CodeProblem(new string('7', 64)));
        Assert.Equal(
            "The procedure code has 65 characters; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
            ProcedureValidation.CodeProblem(new string('7', 65)));
    }

    [Theory]
    [InlineData("", "The procedure code is missing; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    [InlineData("1.001 193", "The procedure code \"1.001 193\" contains \" \"; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    [InlineData("HT/KS", "The procedure code \"HT/KS\" contains \"/\"; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    [InlineData("HỘ-TỊCH", "The procedure code \"HỘ-TỊCH\" contains \"Ộ\"; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    public void A_bad_code_is_explained(string code, string problem)
    {
        Assert.Equal(problem, ProcedureValidation.FirstProblem(BirthRegistration with { Code = code }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_refused(string name)
    {
        Assert.Equal(
            "The procedure name is empty; give its official Vietnamese name.",
            ProcedureValidation.FirstProblem(BirthRegistration with { Name = name }));
    }

    [Fact]
    public void A_name_may_have_500_characters_but_not_501()
    {
        Assert.Null(ProcedureValidation.FirstProblem(BirthRegistration with { Name = new string('đ', 500) }));
        Assert.Equal(
            "The procedure name has 501 characters; shorten it to 500 at most.",
            ProcedureValidation.FirstProblem(BirthRegistration with { Name = new string('đ', 501) }));
    }

    [Theory]
    [InlineData(-1, 0, "The processing time of -1 working days is negative; give 0 or more.")]
    [InlineData(3, -2, "The processing time of -2 hours is negative; give 0 or more.")]
    [InlineData(0, 0, "The processing time is zero; give the statutory time in working days, or in hours for an hour-based procedure.")]
    public void The_processing_time_must_be_positive(int days, int hours, string problem)
    {
        var procedure = BirthRegistration with { ProcessingWorkingDays = days, ProcessingHours = hours };

        Assert.Equal(problem, ProcedureValidation.FirstProblem(procedure));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(3, 0)]
    [InlineData(2, 4)]
    public void Days_or_hours_alone_or_both_make_a_processing_time(int days, int hours)
    {
        Assert.True(ProcedureValidation.IsValid(BirthRegistration with { ProcessingWorkingDays = days, ProcessingHours = hours }));
    }

    [Fact]
    public void A_negative_fee_is_refused_and_zero_is_no_fee()
    {
        Assert.Equal(
            "The fee of -8000 VND is negative; give 0 for a procedure without a fee.",
            ProcedureValidation.FirstProblem(BirthRegistration with { FeeVnd = -8000 }));
        Assert.True(ProcedureValidation.IsValid(BirthRegistration with { FeeVnd = 0 }));
    }

    [Fact]
    public void Only_the_first_problem_is_reported_code_first()
    {
        var hopeless = new Procedure("", "", -1, -1, false, -1, false);

        Assert.StartsWith("The procedure code is missing", ProcedureValidation.FirstProblem(hopeless), StringComparison.Ordinal);
    }
}

using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Domain.Tests.Dossiers;

public class DossierCodeTests
{
    [Theory]
    [InlineData("000.00.20.H17-230601-0001")]
    [InlineData("25165-250701-0000001")]
    [InlineData("a")]
    [InlineData("H36.15-20230601-1234567")]
    public void Province_layouts_and_allocated_codes_are_valid(string code)
    {
        Assert.True(DossierCode.IsValid(code));
        Assert.Null(DossierCode.Problem(code));
    }

    [Theory]
    [InlineData("79-261206-0000042", 42)]
    [InlineData("79-261206-9999999", 9_999_999)]
    [InlineData("79-261206-000004", 0)]
    [InlineData("79-261206-0000042X", 0)]
    [InlineData("79-261207-0000042", 0)]
    [InlineData("791-261206-0000042", 0)]
    [InlineData("79-261206-00000 4", 0)]
    public void A_code_reads_as_the_sequence_of_a_units_day_only_when_it_is_laid_out_as_allocated(string code, long sequence) =>
        Assert.Equal(sequence, DossierCode.SequenceOf(code, "79", new DateOnly(2026, 12, 6)));

    [Fact]
    public void A_code_may_have_64_characters_but_not_65()
    {
        Assert.True(DossierCode.IsValid(new string('9', 64)));
        Assert.Equal(
            "The dossier code has 65 characters; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.",
            DossierCode.Problem(new string('9', 65)));
    }

    [Theory]
    [InlineData(null, "The dossier code is missing; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.")]
    [InlineData("", "The dossier code is missing; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.")]
    [InlineData("H17_230601", "The dossier code \"H17_230601\" contains \"_\"; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.")]
    [InlineData("H17 230601", "The dossier code \"H17 230601\" contains \" \"; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.")]
    [InlineData("HỒSƠ-1", "The dossier code \"HỒSƠ-1\" contains \"Ồ\"; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.")]
    public void A_bad_code_is_explained(string? code, string problem)
    {
        Assert.Equal(problem, DossierCode.Problem(code));
        Assert.False(DossierCode.IsValid(code));
    }

    [Theory]
    [InlineData("25165", 2025, 7, 1, 1L, "25165-250701-0000001")]
    [InlineData("96", 2023, 12, 31, 42L, "96-231231-0000042")]
    [InlineData("683", 2024, 2, 29, 9_999_999L, "683-240229-9999999")]
    [InlineData("000.00.20.H17", 2023, 6, 1, 1234L, "000.00.20.H17-230601-0001234")]
    public void Format_writes_unit_day_and_seven_digit_sequence(string unit, int year, int month, int day, long sequence, string expected)
    {
        var code = DossierCode.Format(unit, new DateOnly(year, month, day), sequence);

        Assert.Equal(expected, code);
        Assert.True(DossierCode.IsValid(code));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(10_000_000L)]
    public void Format_refuses_a_sequence_outside_one_to_9999999(long sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierCode.Format("25165", new DateOnly(2025, 7, 1), sequence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("25-165")]
    [InlineData("251 65")]
    public void Format_refuses_a_unit_code_that_would_make_the_code_ambiguous_or_invalid(string unit)
    {
        Assert.Throws<ArgumentException>(() => DossierCode.Format(unit, new DateOnly(2025, 7, 1), 1));
    }

    [Fact]
    public void Format_keeps_the_longest_allowed_unit_code_within_64_characters()
    {
        var code = DossierCode.Format(new string('U', 49), new DateOnly(2025, 7, 1), 1);

        Assert.Equal(64, code.Length);
        Assert.Throws<ArgumentException>(() => DossierCode.Format(new string('U', 50), new DateOnly(2025, 7, 1), 1));
    }
}

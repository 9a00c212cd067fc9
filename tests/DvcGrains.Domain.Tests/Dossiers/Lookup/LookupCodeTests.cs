using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Lookup;

namespace DvcGrains.Domain.Tests.Dossiers.Lookup;

public sealed class LookupCodeTests
{
    /// <summary>Characters read or typed alike: of each group, at most one may be in the alphabet.</summary>
    private static readonly string[] LookAlikes = ["0OQD", "1IL", "2Z", "5S", "8B", "UV", "6G"];

    [Fact]
    public void The_alphabet_has_twenty_characters_and_none_that_reads_or_types_like_another()
    {
        Assert.Equal(20, LookupCode.Alphabet.Distinct().Count());
        Assert.Equal(LookupCode.Alphabet.Length, LookupCode.Alphabet.Distinct().Count());
        Assert.All(LookAlikes, alike => Assert.True(alike.Count(LookupCode.Alphabet.Contains) <= 1, alike));
        Assert.All(LookupCode.Alphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c), $"'{c}'"));
    }

    [Fact]
    public void New_codes_are_eight_characters_of_the_alphabet_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => LookupCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches($"^[{LookupCode.Alphabet}]{{8}}$", code));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("ACEF3479", "ACEF3479")]
    [InlineData("acef3479", "ACEF3479")]
    [InlineData(" ACEF-3479 ", "ACEF3479")]
    [InlineData("AC EF 34 79", "ACEF3479")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_typed_code_is_read_in_upper_case_without_spaces_or_hyphens(string? typed, string normalized) =>
        Assert.Equal(normalized, LookupCode.Normalize(typed));

    [Theory]
    [InlineData("ACEF3479", "ACEF3479", true)]
    [InlineData("ACEF3479", "acef-3479", true)]
    [InlineData("ACEF3479", "ACEF3478", false)]
    [InlineData("ACEF3479", "ACEF347", false)]
    [InlineData("ACEF3479", "ACEF34799", false)]
    [InlineData("ACEF3479", "", false)]
    [InlineData("ACEF3479", null, false)]
    // U+0141 is 0x41 ('A') in its low byte: a code is compared as text, not as truncated bytes.
    [InlineData("ACEF3479", "\u0141CEF3479", false)]
    // A dossier without a code (submitted before codes were given, or none at all) matches nothing, not even the code it is compared with.
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    [InlineData(null, "00000000", false)]
    [InlineData("", "00000000", false)]
    public void A_code_matches_only_the_stored_one(string? stored, string? typed, bool matches) =>
        Assert.Equal(matches, LookupCode.Matches(stored, typed));

    [Fact]
    public void A_submission_gets_the_code_the_decision_context_draws_and_keeps_it()
    {
        var scenario = DossierScenario.Submitted(DossierScenario.Start).Then("Receive", DossierScenario.Start.AddHours(1));

        Assert.Equal(DossierScenario.LookupCodeOfScenarios, ((DossierSubmitted)scenario.Events[0]).LookupCode);
        Assert.Equal(DossierScenario.LookupCodeOfScenarios, scenario.State.LookupCode);
        Assert.Equal(DossierScenario.LookupCodeOfScenarios, DossierSummary.Of(scenario.State).LookupCode);
    }
}

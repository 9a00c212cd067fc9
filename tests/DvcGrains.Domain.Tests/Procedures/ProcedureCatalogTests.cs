using System.Text;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Procedures;

public class ProcedureCatalogTests
{
    private static readonly Procedure Birth = new("1.001193", "Đăng ký khai sinh", 1, 0, true, 0, true);
    private static readonly Procedure Death = new("1.000656", "Đăng ký khai tử", 1, 0, true, 0, true);
    private static readonly Procedure CopyCertification =
        new("2.000815", "Chứng thực bản sao từ bản chính", 0, 4, false, 2000, true);

    private static ProcedureCatalog LoadJson(string json) => ProcedureCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string Entry(string code, string extra = "") =>
        $$"""{"code": "{{code}}", "name": "Thủ tục {{code}}", "processing_working_days": 3, "processing_hours": 0, "full_process_online": true, "fee_vnd": 15000, "paper_result": false{{extra}}}""";

    [Fact]
    public void All_lists_procedures_by_code_whatever_order_they_came_in()
    {
        var catalog = ProcedureCatalog.Of([CopyCertification, Birth, Death]);

        Assert.Equal(["1.000656", "1.001193", "2.000815"], catalog.All.Select(p => p.Code));
        Assert.Equal(3, catalog.Count);
    }

    [Fact]
    public void Find_is_by_exact_code()
    {
        var catalog = ProcedureCatalog.Of([Birth, Death]);

        Assert.Same(Birth, catalog.Find("1.001193"));
        Assert.Null(catalog.Find("1.00119"));
        Assert.Null(catalog.Find(" 1.001193"));
        Assert.True(catalog.TryGet("1.000656", out var death));
        Assert.Same(Death, death);
    }

    [Fact]
    public void Upsert_adds_a_new_code_and_leaves_the_old_catalog_as_it_was()
    {
        var before = ProcedureCatalog.Of([Birth]);

        var after = before.Upsert(Death);

        Assert.Equal(["1.000656", "1.001193"], after.All.Select(p => p.Code));
        Assert.Equal(["1.001193"], before.All.Select(p => p.Code));
        Assert.Null(before.Find("1.000656"));
    }

    [Fact]
    public void Upsert_replaces_the_procedure_of_the_same_code()
    {
        var slower = Birth with { ProcessingWorkingDays = 3, FeeVnd = 5000 };

        var catalog = ProcedureCatalog.Of([Birth, Death]).Upsert(slower);

        Assert.Equal(2, catalog.Count);
        Assert.Equal(slower, catalog.Find("1.001193"));
    }

    [Fact]
    public void Upsert_of_an_invalid_procedure_throws_with_the_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => ProcedureCatalog.Empty.Upsert(Birth with { ProcessingWorkingDays = 0 }));

        Assert.StartsWith("The processing time is zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_of_repeated_codes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ProcedureCatalog.Of([Birth, Birth with { Name = "Khai sinh" }]));
    }

    [Fact]
    public void The_empty_catalog_finds_nothing()
    {
        Assert.Empty(ProcedureCatalog.Empty.All);
        Assert.Null(ProcedureCatalog.Empty.Find("1.001193"));
    }

    [Fact]
    public void Load_reads_snake_case_fields_and_ignores_the_legal_basis()
    {
        var catalog = LoadJson($$"""
            {
              "about": "test",
              "procedures": [
                {"code": "2.000815", "name": "Chứng thực bản sao từ bản chính", "processing_working_days": 0, "processing_hours": 4,
                 "full_process_online": false, "fee_vnd": 2000, "paper_result": true, "legal_basis": "Nghị định 23/2015/NĐ-CP"},
                {{Entry("1.004194")}}
              ]
            }
            """);

        Assert.Equal(
            [new Procedure("1.004194", "Thủ tục 1.004194", 3, 0, true, 15000, false), CopyCertification],
            catalog.All);
    }

    [Fact]
    public void Load_refuses_a_misspelt_field()
    {
        var error = Assert.Throws<FormatException>(() => LoadJson($$"""{"procedures": [{{Entry("1.004194", ", \"fee\": 1")}}]}"""));

        Assert.Contains("fee", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_refuses_a_missing_field()
    {
        const string NoFee =
            """{"procedures": [{"code": "1.004194", "name": "Đăng ký tạm trú", "processing_working_days": 3, "processing_hours": 0, "full_process_online": true, "paper_result": false}]}""";

        var error = Assert.Throws<FormatException>(() => LoadJson(NoFee));

        Assert.Contains("fee_vnd", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"procedures\": [")]
    [InlineData("{}")]
    public void Load_refuses_what_is_not_a_catalog(string json)
    {
        var error = Assert.Throws<FormatException>(() => LoadJson(json));

        Assert.StartsWith("Procedure catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_entry_of_an_invalid_procedure()
    {
        var error = Assert.Throws<FormatException>(() => LoadJson($$"""{"procedures": [{{Entry("1.004194")}}, {{Entry("HT KS")}}]}"""));

        Assert.Equal(
            "Procedure catalog, entry 2 ('HT KS'): The procedure code \"HT KS\" contains \" \"; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
            error.Message);
    }

    [Fact]
    public void Load_names_both_entries_of_a_repeated_code()
    {
        var error = Assert.Throws<FormatException>(
            () => LoadJson($$"""{"procedures": [{{Entry("1.004194")}}, {{Entry("1.004222")}}, {{Entry("1.004194")}}]}"""));

        Assert.Equal("Procedure catalog, entry 3: code '1.004194' is already used by entry 1.", error.Message);
    }
}

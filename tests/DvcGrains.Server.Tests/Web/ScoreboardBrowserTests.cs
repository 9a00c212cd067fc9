using System.Globalization;
using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DvcGrains.Server.Tests.Web;

/// <summary>The public scoreboard in a real browser (headless chromium) against a real server.</summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class ScoreboardBrowserTests : IClassFixture<ScoreboardSite>
{
    private static readonly string[] GroupLabels =
        ["Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Số hóa hồ sơ", "Mức độ hài lòng"];

    private static readonly CultureInfo VietnameseNumbers = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly string[] Quarters = ["I", "II", "III", "IV"];

    private readonly ScoreboardSite _site;

    public ScoreboardBrowserTests(ScoreboardSite site)
    {
        _site = site;
        // KPIs reach the provinces and the nation on a short timer, and the page follows them: the DOM is waited on.
        SetDefaultExpectTimeout(20_000);
    }

    private static ILocator Rows(IPage page) => page.Locator("#ranking tbody tr");

    private static ILocator Cell(IPage page, string unit, string column) => page.Locator($"#ranking tr[data-unit='{unit}'] td.{column}");

    [Fact]
    public async Task The_ranking_shows_the_34_provinces_of_the_2025_hierarchy_by_name()
    {
        await using var tab = await _site.Open();
        var provinces = (await _site.Server.Catalog.ListUnitsAsync(new ListUnitsRequest())).Units;

        await Expect(Rows(tab.Page)).ToHaveCountAsync(34);
        var names = await tab.Page.Locator("#ranking tbody td.name").AllTextContentsAsync();
        Assert.Equal(provinces.Select(unit => unit.Name).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Contains("Thành phố Hà Nội", names);
        Assert.Contains("Thành phố Hồ Chí Minh", names);
        Assert.Contains("Tỉnh Đắk Lắk", names);
        Assert.Contains("Tỉnh Thanh Hóa", names);
        Assert.Equal(
            ["Hạng", "Tỉnh, thành phố", "Điểm", "Xếp loại", "Trực tuyến", "Đúng hạn", "Hồ sơ tiếp nhận"],
            await tab.Page.Locator("#ranking thead th").AllTextContentsAsync());
        var ranks = (await tab.Page.Locator("#ranking tbody td.rank").AllTextContentsAsync()).Select(int.Parse).ToList();
        Assert.Equal(ranks.Order(), ranks);
        await Expect(tab.Page.Locator("#period-label")).ToHaveTextAsync($"Tháng {VietnamToday().Month}/{VietnamToday().Year}");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_click_on_a_province_shows_its_units_ranked_and_its_six_group_scores()
    {
        await using var tab = await _site.Open();
        var communes = (await _site.Server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "01" })).Units;

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Thành phố Hà Nội", Exact = true }).ClickAsync();

        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync("Thành phố Hà Nội");
        await Expect(Rows(tab.Page)).ToHaveCountAsync(communes.Count);
        var names = await tab.Page.Locator("#ranking tbody td.name").AllTextContentsAsync();
        Assert.Equal(communes.Select(unit => unit.Name).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        await Expect(tab.Page.Locator("#groups li .label")).ToHaveTextAsync(GroupLabels);
        await Expect(tab.Page.Locator("#unit-grade")).Not.ToBeEmptyAsync();

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "← Toàn quốc" }).ClickAsync();
        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync("Xếp hạng tỉnh, thành phố");
        await Expect(Rows(tab.Page)).ToHaveCountAsync(34);
        await Expect(tab.Page.Locator("#unit")).ToBeHiddenAsync();
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Dossiers_filed_change_the_numbers_on_the_open_page_without_a_reload()
    {
        await using var tab = await _site.Open();
        await Expect(Cell(tab.Page, "40", "received")).ToHaveTextAsync("0");
        await Expect(Cell(tab.Page, "40", "online")).ToHaveTextAsync("0,0%");
        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đang cập nhật");
        await tab.Page.EvaluateAsync("() => { window.notReloaded = true; }");

        var commune = await _site.FileOnline("40", 3);

        await Expect(Cell(tab.Page, "40", "received")).ToHaveTextAsync("3");
        await Expect(Cell(tab.Page, "40", "online")).ToHaveTextAsync("100,0%");
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Nghệ An", Exact = true }).ClickAsync();
        await Expect(Cell(tab.Page, commune.Code, "received")).ToHaveTextAsync("3");

        await _site.FileOnline("40", 2);

        await Expect(Cell(tab.Page, commune.Code, "received")).ToHaveTextAsync("5");
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        var province = await _site.Server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "40", Period = new Period { Kind = PeriodKind.Month } });
        Assert.Equal(5, province.Counters.Received);
        await Expect(tab.Page.Locator("#unit-score")).ToHaveTextAsync(province.TotalScore.ToString("0.00", VietnameseNumbers));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_link_to_no_unit_says_so_in_vietnamese_and_asks_no_more()
    {
        await using var tab = await _site.Open("#99999", testClock: true);
        var requests = new List<string>();

        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đã dừng");
        tab.Page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        await Expect(tab.Page.Locator("#error")).ToHaveTextAsync(
            "Không có đơn vị hành chính nào mã “99999”. Hãy chọn một tỉnh, thành phố trong bảng xếp hạng toàn quốc.");
        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync("Không tìm thấy đơn vị");
        await Expect(tab.Page.Locator("#ranking")).ToBeHiddenAsync();
        // A minute of the page's time, in which a page that reconnects would have asked several times; then a call of
        // the test's own, whose request comes after any the page made.
        await tab.Page.Clock.RunForAsync(60_000);
        Assert.Equal(200, await tab.Page.EvaluateAsync<int>("() => fetch('/v1/units').then(response => response.status)"));

        lock (requests)
        {
            Assert.Equal([$"{_site.Server.WebAddress}/v1/units"], requests);
        }
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "← Toàn quốc" }).ClickAsync();
        await Expect(Rows(tab.Page)).ToHaveCountAsync(34);
        await Expect(tab.Page.Locator("#error")).ToBeHiddenAsync();
        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đang cập nhật");
    }

    [Fact]
    public async Task A_link_to_a_commune_shows_its_scores_without_a_ranking()
    {
        var commune = await _site.Server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "00004" });
        await using var tab = await _site.Open("#00004");

        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync(commune.Name);
        await Expect(tab.Page.Locator("#groups li .label")).ToHaveTextAsync(GroupLabels);
        await Expect(tab.Page.Locator("#unit-grade")).Not.ToBeEmptyAsync();
        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đang cập nhật");
        await Expect(tab.Page.Locator("#as-of")).ToContainTextAsync("Số liệu lúc");
        await Expect(tab.Page.Locator("#ranking")).ToBeHiddenAsync();
        await Expect(tab.Page.Locator("#error")).ToBeHiddenAsync();
        Assert.Equal(UnitLevel.Commune, commune.Level);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_period_picker_shows_the_quarter_the_year_or_another_month()
    {
        await using var tab = await _site.Open();
        var requests = new List<string>();
        tab.Page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        await _site.FileOnline("42", 1);
        await Expect(Cell(tab.Page, "42", "received")).ToHaveTextAsync("1");
        var today = VietnamToday();

        await tab.Page.Locator("#period-kind").SelectOptionAsync("QUARTER");
        await Expect(tab.Page.Locator("#period-label")).ToHaveTextAsync($"Quý {Quarters[(today.Month - 1) / 3]}/{today.Year}");
        await Expect(Cell(tab.Page, "42", "received")).ToHaveTextAsync("1");

        await tab.Page.Locator("#period-kind").SelectOptionAsync("YEAR");
        await Expect(tab.Page.Locator("#period-label")).ToHaveTextAsync($"Năm {today.Year}");
        await Expect(Cell(tab.Page, "42", "received")).ToHaveTextAsync("1");

        await tab.Page.Locator("#period-kind").SelectOptionAsync("MONTH");
        await tab.Page.Locator("#period-part").SelectOptionAsync(new SelectOptionValue { Label = $"Tháng {today.Month}" });
        await tab.Page.Locator("#period-year").SelectOptionAsync($"{today.Year - 1}");
        await Expect(tab.Page.Locator("#period-label")).ToHaveTextAsync($"Tháng {today.Month}/{today.Year - 1}");
        await Expect(Cell(tab.Page, "42", "received")).ToHaveTextAsync("0");
        await Expect(Rows(tab.Page)).ToHaveCountAsync(34);

        lock (requests)
        {
            Assert.Contains(requests, url => url.Contains("/v1/rankings?", StringComparison.Ordinal) && url.Contains("period.kind=YEAR", StringComparison.Ordinal));
            Assert.Contains(requests, url => url.Contains("/kpis:watch?", StringComparison.Ordinal) && url.Contains("period.kind=QUARTER", StringComparison.Ordinal));
            Assert.Contains(requests, url => url.Contains($"period.date={today.Year - 1}-{today.Month:D2}-01", StringComparison.Ordinal));
        }
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_province_shows_its_place_among_the_34_and_its_figures_by_receiving_level_under_an_address_that_names_the_period()
    {
        await _site.FileOnline("44", 2);
        var today = VietnamToday();
        var month = new Period { Kind = PeriodKind.Month };
        await using var tab = await _site.Open("#44");

        await Expect(tab.Page.Locator("#levels tr[data-level='COMMUNE'] td.received")).Not.ToHaveTextAsync("0");
        var province = await _site.Server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "44", Period = month });
        var communes = province.ByLevel.Single(level => level.Level == UnitLevel.Commune);
        await Expect(tab.Page.Locator("#levels tr[data-level='COMMUNE'] td.received")).ToHaveTextAsync(communes.Counters.Received.ToString("N0", VietnameseNumbers));
        await Expect(tab.Page.Locator("#levels tr[data-level='COMMUNE'] td.online")).ToHaveTextAsync((communes.OnlineRate * 100).ToString("0.0", VietnameseNumbers) + "%");
        await Expect(tab.Page.Locator("#levels tr[data-level='PROVINCE'] th")).ToHaveTextAsync("Cấp tỉnh");
        var ranking = await _site.Server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.Province, Period = month });
        await Expect(tab.Page.Locator("#unit-rank")).ToHaveTextAsync(
            $"Hạng {ranking.Entries.Single(entry => entry.Unit.Code == "44").Rank}/34");
        Assert.EndsWith($"/?ky={today.Year}-{today.Month:D2}#44", tab.Page.Url, StringComparison.Ordinal);
        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đang cập nhật");
        await Expect(tab.Page.Locator("#as-of")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"\d{{2}}/\d{{2}}/{today.Year}"));

        // The same link opened elsewhere shows the same period; a closed one has no marker saying it is being updated.
        await using var shared = await _site.Open($"?ky={today.Year - 1}-Q2#44");
        await Expect(shared.Page.Locator("#period-label")).ToHaveTextAsync($"Quý II/{today.Year - 1}");
        await Expect(shared.Page.Locator("#period-kind")).ToHaveValueAsync("QUARTER");
        await Expect(shared.Page.Locator("#title")).Not.ToHaveTextAsync("Đang tải…");
        await Expect(shared.Page.Locator("#live")).ToBeHiddenAsync();
        await shared.Page.Locator("#period-kind").SelectOptionAsync("YEAR");
        await Expect(shared.Page.Locator("#period-label")).ToHaveTextAsync($"Năm {today.Year - 1}");
        Assert.EndsWith($"/?ky={today.Year - 1}#44", shared.Page.Url, StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
        shared.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_national_table_shows_the_six_group_scores_of_the_official_table_on_request()
    {
        await using var tab = await _site.Open();
        await Expect(Rows(tab.Page)).ToHaveCountAsync(34);

        await tab.Page.Locator("#show-groups").CheckAsync();

        await Expect(tab.Page.Locator("#ranking thead th.group")).ToHaveTextAsync(GroupLabels);
        await Expect(tab.Page.Locator("#ranking tbody tr:first-child td.group")).ToHaveCountAsync(6);
        var ranking = await _site.Server.Kpis.GetRankingAsync(new GetRankingRequest
        {
            Level = UnitLevel.Province, IncludeScores = true, Period = new Period { Kind = PeriodKind.Month },
        });
        var first = ranking.Entries[0];
        await Expect(Cell(tab.Page, first.Unit.Code, "group-online_services")).ToHaveTextAsync(
            first.Scores.Single(group => group.Group == "online_services").Points.ToString("0.00", VietnameseNumbers));

        await tab.Page.Locator("#show-groups").UncheckAsync();
        await Expect(tab.Page.Locator("#ranking thead th.group")).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_commune_row_opens_the_commune_with_its_figures_and_nothing_to_rank()
    {
        await using var tab = await _site.Open("#01");
        var commune = (await _site.Server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "01" })).Units[0];
        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync("Thành phố Hà Nội");

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = commune.Name, Exact = true }).ClickAsync();

        await Expect(tab.Page.Locator("#title")).ToHaveTextAsync(commune.Name);
        await Expect(tab.Page.Locator("#groups li .label")).ToHaveTextAsync(GroupLabels);
        await Expect(tab.Page.Locator("#ranking")).ToBeHiddenAsync();
        await Expect(tab.Page.Locator("#error")).ToBeHiddenAsync();
        Assert.EndsWith($"#{commune.Code}", tab.Page.Url, StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
    }

    private static DateOnly VietnamToday() => VietnamTime.DateOf(DateTimeOffset.UtcNow);
}

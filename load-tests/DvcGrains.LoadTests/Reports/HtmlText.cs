using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// Text inside report.html and its charts: markup characters escaped, letters kept as they are, so that a Vietnamese
/// report reads as Vietnamese in its source too (Diễn biến, not Di&amp;#7877;n bi&amp;#7871;n).
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}

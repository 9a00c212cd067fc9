using System.Xml.Linq;

namespace DvcGrains.Server.Hosting;

/// <summary>The XML summaries of the contract's generated code, which carry the proto's comments.</summary>
public static class XmlDocSummaries
{
    /// <summary>The members of <paramref name="xmlDocFile"/> whose id has <paramref name="kind"/> ("M:", "T:"), by the rest of their id.</summary>
    public static IEnumerable<(string Id, string Summary)> Of(string xmlDocFile, string kind) =>
        XDocument.Load(xmlDocFile).Descendants("member")
            .Select(member => (Id: member.Attribute("name")?.Value ?? "", Summary: member.Element("summary")))
            .Where(member => member.Id.StartsWith(kind, StringComparison.Ordinal))
            .Select(member => (member.Id[kind.Length..], Text(member.Summary)));

    /// <summary>A summary as one line; the rules of dashes that frame a comment in the proto are left out.</summary>
    private static string Text(XElement? summary) =>
        string.Join(' ', (summary?.Value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Any(character => character != '-')));
}

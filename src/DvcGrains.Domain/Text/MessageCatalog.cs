using System.Reflection;
using System.Text.RegularExpressions;

namespace DvcGrains.Domain.Text;

/// <summary>
/// The message catalog: every <see cref="MessageTemplate"/> the given assemblies declare (static fields of their
/// messages classes), and what is wrong with any of them. A template is complete when its Vietnamese text is written
/// (not empty, not the English one unless the text is only placeholders and punctuation), both texts name the same
/// placeholders, and no other template has its id.
/// </summary>
public static partial class MessageCatalog
{
    public static IReadOnlyList<MessageTemplate> Of(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return [.. assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(MessageTemplate))
            .Select(field => (MessageTemplate)field.GetValue(null)!)];
    }

    /// <summary>One line per fault of <paramref name="templates"/>, naming the template's id; none when all are complete.</summary>
    public static IReadOnlyList<string> Faults(IEnumerable<MessageTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var faults = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            if (!ids.Add(template.Id))
            {
                faults.Add($"{template.Id}: another template has this id");
            }
            if (string.IsNullOrWhiteSpace(template.Vietnamese))
            {
                faults.Add($"{template.Id}: no Vietnamese text");
            }
            else if (template.Vietnamese == template.English && Placeholder().Replace(template.English, "").Any(char.IsLetter))
            {
                faults.Add($"{template.Id}: the Vietnamese text is the English one");
            }
            else if (!Placeholders(template.English).SetEquals(Placeholders(template.Vietnamese)))
            {
                faults.Add($"{template.Id}: the texts name different placeholders");
            }
        }
        return faults;
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(match => match.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}

using System.Globalization;
using System.Text;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// A dossier's components as column <c>components</c> of table <c>dossier</c> holds them: one after the other, each a
/// digit of flags (1 digitised, 2 reused data, 4 from the citizen's store), the name's length, a colon and the name,
/// e.g. <c>17:Tờ khai05:CMND</c>. A list reads a hundred rows a page: this reads back by lengths, whatever the names
/// hold, at a small part of what JSON cost.
/// </summary>
public static class ComponentsText
{
    private const int Digitized = 1;
    private const int ReusedData = 2;
    private const int FromCitizenStore = 4;

    /// <summary>Null for no components.</summary>
    public static string? Encode(IReadOnlyList<DossierComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder();
        foreach (var component in components)
        {
            var flags = (component.Digitized ? Digitized : 0) | (component.ReusedData ? ReusedData : 0) | (component.FromCitizenStore ? FromCitizenStore : 0);
            text.Append(CultureInfo.InvariantCulture, $"{flags}{component.Name.Length}:").Append(component.Name);
        }
        return text.ToString();
    }

    public static IReadOnlyList<DossierComponent> Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var components = new List<DossierComponent>();
        var at = 0;
        while (at < text.Length)
        {
            var flags = text[at] - '0';
            var colon = text.IndexOf(':', at + 1);
            if (flags is < 0 or > 7 || colon < 0
                || !int.TryParse(text.AsSpan(at + 1, colon - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || colon + 1 + length > text.Length)
            {
                throw new InvalidDataException($"A dossier row's components are not flags, length, ':' and name at character {at}.");
            }
            components.Add(new DossierComponent(text.Substring(colon + 1, length), (flags & Digitized) != 0, (flags & ReusedData) != 0, (flags & FromCitizenStore) != 0));
            at = colon + 1 + length;
        }
        return components;
    }
}

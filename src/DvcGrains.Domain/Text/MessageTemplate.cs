using System.Globalization;

namespace DvcGrains.Domain.Text;

/// <summary>
/// One message for a person, in both languages, under an id that never changes: the catalog's entry. Its texts hold
/// the same placeholders, <c>{0}</c>, <c>{1}</c> …, in the order each language needs. Each template is declared once, as
/// a static field of its area's messages class (<c>DossierMessages</c>, <c>EdgeMessages</c> …).
/// </summary>
public sealed record MessageTemplate(string Id, string English, string Vietnamese)
{
    public string In(Language language) => language == Language.Vietnamese ? Vietnamese : English;

    /// <summary>
    /// The message with these values: text as given, another message as itself (rendered in the same language), anything
    /// else as its invariant text.
    /// </summary>
    public Message With(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Message(this, [.. values.Select(Message.Argument.Of)]);
    }

    /// <summary>The message of a template without placeholders.</summary>
    public Message Alone() => new(this, []);

    public override string ToString() => Id;

    internal string Format(Language language, IEnumerable<string> values) =>
        string.Format(CultureInfo.InvariantCulture, In(language), [.. values]);
}

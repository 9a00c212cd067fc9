using System.Globalization;

namespace DvcGrains.Domain.Text;

/// <summary>
/// A message for a person in no language yet: its template and the values it names, so that whoever answers renders
/// it in the language the reader asked for (<see cref="In"/>). Values are written the same in both languages (codes,
/// quoted input, instants with their offset, numbers without grouping), unless a value is itself a message.
/// </summary>
public sealed record Message(MessageTemplate Template, IReadOnlyList<Message.Argument> Arguments)
{
    public string In(Language language) => Template.Format(language, Arguments.Select(argument => argument.In(language)));

    /// <summary>The English text: what logs, exceptions and the API's default show.</summary>
    public override string ToString() => In(Language.English);

    /// <summary>A message where a text is expected (a log line, an exception, a start-up check) is its English text.</summary>
    public static implicit operator string?(Message? message) => message?.ToString();

    public bool Equals(Message? other) =>
        other is not null && Template == other.Template && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Template, Arguments.Count);

    /// <summary>One value of a message: a text, or a message of its own.</summary>
    public sealed record Argument(string? Text, Message? Nested)
    {
        public string In(Language language) => Nested?.In(language) ?? Text ?? "";

        public static Argument Of(object? value) => value switch
        {
            Message nested => new Argument(null, nested),
            IFormattable formattable => new Argument(formattable.ToString(null, CultureInfo.InvariantCulture), null),
            _ => new Argument(value?.ToString() ?? "", null),
        };
    }
}

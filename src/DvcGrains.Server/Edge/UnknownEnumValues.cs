using System.Text.RegularExpressions;
using DvcGrains.Domain.Text;
using Google.Protobuf.Reflection;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The transcoding refuses an enum value it does not know by naming the C# type (<c>Error converting value "FAX" to
/// enum type DvcGrains.Api.V1.Channel</c>, or <c>Invalid value 'FAX' for enum type Channel</c> in a query): this names
/// the request's field of that enum instead, and the values it takes.
/// </summary>
public static partial class UnknownEnumValues
{
    /// <summary>The field at fault (its proto path) and what to send instead; null when the message is about no enum.</summary>
    public static (string Field, Message Message)? Explain(string message, MessageDescriptor? request)
    {
        if (request is null || EnumMessage().Match(message) is not { Success: true } match)
        {
            return null;
        }
        var type = match.Groups["type"].Value;
        var fields = EnumFields(request, "", depth: 0)
            .Where(field => field.Enum.ClrType?.FullName == type || field.Enum.ClrType?.Name == type)
            .ToList();
        if (fields.Count == 0)
        {
            return null;
        }
        var values = string.Join(", ", fields[0].Enum.Values.Where(value => value.Number != 0).Select(value => value.Name));
        var names = string.Join(" or ", fields.Select(field => field.Path));
        return (fields[0].Path, EdgeMessages.NotAnEnumValue.With(names, QuotedInput.Of(match.Groups["value"].Value), fields[0].Enum.FullName, values));
    }

    /// <summary>The enum fields of a request and of the messages inside it (the contract nests two levels at most).</summary>
    private static IEnumerable<(string Path, EnumDescriptor Enum)> EnumFields(MessageDescriptor message, string prefix, int depth)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            if (field.FieldType == FieldType.Enum)
            {
                yield return (path, field.EnumType);
            }
            else if (field.FieldType == FieldType.Message && depth < 3 && field.MessageType.File == message.File)
            {
                foreach (var nested in EnumFields(field.MessageType, path + ".", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    [GeneratedRegex(@"(?:value ""(?<value>[^""]*)"" to enum type|value '(?<value>[^']*)' for enum type) (?<type>[\w.]+?)\.?$", RegexOptions.Multiline)]
    private static partial Regex EnumMessage();
}

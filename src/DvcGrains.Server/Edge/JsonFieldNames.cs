using Google.Rpc;

namespace DvcGrains.Server.Edge;

/// <summary>
/// A refusal names the fields at fault by their proto names (<c>meta.dossier_id</c>), as a gRPC client spells them. A
/// JSON client sent them by their JSON names (<c>meta.dossierId</c>): its refusal names them so, in the field
/// violations and where the message quotes them.
/// </summary>
public static class JsonFieldNames
{
    /// <summary>The JSON name of a field path: each segment in lower camel case, as proto3's JSON mapping names fields.</summary>
    public static string Of(string path)
    {
        var name = new System.Text.StringBuilder(path.Length);
        var upper = false;
        foreach (var character in path)
        {
            if (character == '_')
            {
                upper = true;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(character) : character);
            upper = false;
        }
        return name.ToString();
    }

    /// <summary><paramref name="status"/> with the fields of its BadRequest, and their mentions in its texts, by their JSON names.</summary>
    public static Google.Rpc.Status InJsonTerms(Google.Rpc.Status status)
    {
        var renamed = status.Clone();
        foreach (var detail in renamed.Details.Where(detail => detail.Is(BadRequest.Descriptor)).ToList())
        {
            var request = detail.Unpack<BadRequest>();
            foreach (var violation in request.FieldViolations.Where(violation => Of(violation.Field) != violation.Field))
            {
                var json = Of(violation.Field);
                renamed.Message = renamed.Message.Replace(violation.Field, json, StringComparison.Ordinal);
                violation.Description = violation.Description.Replace(violation.Field, json, StringComparison.Ordinal);
                violation.Field = json;
            }
            renamed.Details[renamed.Details.IndexOf(detail)] = Google.Protobuf.WellKnownTypes.Any.Pack(request);
        }
        return renamed;
    }
}

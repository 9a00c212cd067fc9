using DvcGrains.Domain.Text;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace DvcGrains.Server.Edge;

/// <summary>
/// A call refused under the contract's error model (<see cref="DvcErrors"/>), written in English, the API's default,
/// and able to be written again in the language the caller asked for (<see cref="In"/>): the same code, reason, field
/// and details, only the message's language changes.
/// </summary>
public sealed class Refusal : RpcException
{
    private readonly ErrorInfo _info;
    private readonly string? _field;
    private readonly IReadOnlyList<IMessage> _details;

    internal Refusal(StatusCode code, Message text, ErrorInfo info, string? field, IReadOnlyList<IMessage> details)
        : this(code, text, info, field, details, Language.English)
    {
    }

    private Refusal(StatusCode code, Message text, ErrorInfo info, string? field, IReadOnlyList<IMessage> details, Language language)
        : base(new Status(code, text.In(language)), TrailersOf(code, text.In(language), info, field, details), text.In(language))
    {
        Text = text;
        _info = info;
        _field = field;
        _details = details;
    }

    /// <summary>The message in no language yet.</summary>
    public Message Text { get; }

    /// <summary>The machine-readable reason (<c>dvc-error</c>), which no language changes.</summary>
    public string Reason => _info.Reason;

    public Refusal In(Language language) => new(StatusCode, Text, _info, _field, _details, language);

    private static Metadata TrailersOf(StatusCode code, string message, ErrorInfo info, string? field, IReadOnlyList<IMessage> details)
    {
        var trailers = new Metadata { { DvcErrors.TrailerKey, info.Reason } };
        trailers.SetRpcStatus(DvcErrors.RpcStatus(code, message, info, field, details));
        return trailers;
    }
}

using DvcGrains.Domain.Text;
using Microsoft.Net.Http.Headers;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The language a caller reads refusals in: <c>grpc-accept-language</c> (gRPC metadata) or else <c>Accept-Language</c>
/// (HTTP, as the pages send it). Vietnamese when the caller prefers <c>vi</c> to <c>en</c> by the header's weights;
/// English, the API's default, otherwise, also for a header that names neither or cannot be read.
/// </summary>
public static class CallerLanguage
{
    public const string GrpcHeader = "grpc-accept-language";

    public static Language Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers[GrpcHeader];
        if (header.Count == 0)
        {
            header = http.Request.Headers.AcceptLanguage;
        }
        if (!StringWithQualityHeaderValue.TryParseList(header, out var ranges))
        {
            return Language.English;
        }
        var preferred = ranges
            .Where(range => (range.Quality ?? 1) > 0)
            .OrderByDescending(range => range.Quality ?? 1)
            .Select(range => LanguageOf(range.Value.Value))
            .FirstOrDefault(language => language is not null);
        return preferred ?? Language.English;
    }

    private static Language? LanguageOf(string? range) =>
        range is null ? null
        : IsTag(range, "vi") ? Language.Vietnamese
        : IsTag(range, "en") ? Language.English
        : null;

    /// <summary><paramref name="range"/> is <paramref name="tag"/> or one of its regional forms (<c>vi-VN</c>).</summary>
    private static bool IsTag(string range, string tag) =>
        range.StartsWith(tag, StringComparison.OrdinalIgnoreCase) && (range.Length == tag.Length || range[tag.Length] == '-');
}

using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using DvcGrains.Server.Edge;
using Google.Protobuf;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>What a portal without gRPC sends to the web address: the contract's messages as JSON, and what comes back.</summary>
public static class WebPortal
{
    /// <summary>A message as the JSON body of a transcoded call (lower camel case names, enums by name).</summary>
    public static StringContent Body(IMessage message) => Body(JsonFormatter.Default.Format(message));

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> Send(this HttpClient http, HttpMethod method, string path, HttpContent? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }

    /// <summary>A successful answer, read as the RPC's reply message (unknown fields fail: the JSON must be the contract's).</summary>
    public static async Task<T> Reply<T>(this HttpResponseMessage response) where T : IMessage<T>, new()
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonParser.Default.Parse<T>(text);
    }

    /// <summary>
    /// A transcoded server stream opened at <paramref name="path"/>: its JSON messages as they come, one a line. The
    /// answer's headers come with its first message. With <paramref name="token"/>, opened as its bearer.
    /// </summary>
    public static async IAsyncEnumerable<T> Stream<T>(
        this HttpClient http, string path, [EnumeratorCancellation] CancellationToken cancel, string? token = null) where T : IMessage<T>, new()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonLineStreams.MediaType, response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonParser.Default.Parse<T>(line);
            }
        }
    }
}

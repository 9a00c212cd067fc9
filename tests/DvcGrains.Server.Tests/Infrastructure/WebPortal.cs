using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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

    /// <summary>A refusal: its HTTP status and its JSON body, a google.rpc.Status (code, message, details).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> Refusal(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(response.IsSuccessStatusCode, $"expected a refusal, got {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var body = json.RootElement.Clone();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()), "an error must carry a message a person can act on");
        return (response.StatusCode, body);
    }
}

using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace DvcGrains.Server.Web;

/// <summary>
/// The 766 scoreboard at <c>/</c> of the web address: the files of Web/Scoreboard, embedded in this assembly so that
/// <c>dotnet run</c>, the tests and a published server serve the same page, with nothing fetched from elsewhere.
/// </summary>
public static class ScoreboardPage
{
    // The page loads its own script and style only, and reads the JSON routes of the same address.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Use(IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(ScoreboardPage).Assembly, $"{typeof(ScoreboardPage).Namespace}.Scoreboard");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                // A new server version serves a new page: the browser asks again (and gets 304 while it is the same).
                headers[HeaderNames.CacheControl] = "no-cache";
            },
        });
    }
}

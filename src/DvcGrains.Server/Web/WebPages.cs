using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace DvcGrains.Server.Web;

/// <summary>
/// The server's pages on the web address: the 766 scoreboard at <c>/</c> (Web/Scoreboard) and the citizen's look-up at
/// <c>/tra-cuu</c> (Web/Lookup). Their files are embedded in this assembly so that <c>dotnet run</c>, the tests and a
/// published server serve the same pages, with nothing fetched from elsewhere.
/// </summary>
public static class WebPages
{
    public const string LookupPath = "/tra-cuu";

    // A page loads its own script and style only, and reads the JSON routes of the same address; a form is never sent
    // by the browser itself (the look-up's code goes in a request body, never in an address).
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void UseScoreboard(IApplicationBuilder app) => Use(app, "Scoreboard", PathString.Empty);

    public static void UseLookup(IApplicationBuilder app) => Use(app, "Lookup", LookupPath);

    private static void Use(IApplicationBuilder app, string folder, PathString at)
    {
        var files = new EmbeddedFileProvider(typeof(WebPages).Assembly, $"{typeof(WebPages).Namespace}.{folder}");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = at });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = at,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                // The look-up shows nothing before a code is typed, so no referrer ever carries one.
                headers["Referrer-Policy"] = "no-referrer";
                // A new server version serves a new page: the browser asks again (and gets 304 while it is the same).
                headers[HeaderNames.CacheControl] = "no-cache";
            },
        });
    }
}

using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>A page token opens the next page only for the caller it was given to.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class PageTokenBindingTests(SecureServer secure)
{
    [Fact]
    public async Task A_page_token_opens_the_next_page_for_the_caller_it_was_given_to_and_for_no_other()
    {
        var unit = await PageTokenExpiryTests.FileTwo(secure);
        var request = new ListDossiersRequest { UnitCode = unit, PageSize = 1 };
        var owner = secure.Dossiers(secure.Pki.Token("portal-pages-owner"));
        var other = secure.Dossiers(secure.Pki.Token("portal-pages-other"));

        var token = (await owner.ListAsync(request)).NextPageToken;
        var next = await owner.ListAsync(new ListDossiersRequest(request) { PageToken = token });
        var refused = await Fails(() => other.ListAsync(new ListDossiersRequest(request) { PageToken = token }).ResponseAsync);

        Assert.Single(next.Dossiers);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (refused.StatusCode, refused.Reason()));
        Assert.Contains("not a token this server gave this caller", refused.Status.Detail, StringComparison.Ordinal);
    }
}

/// <summary>A page token expires <c>Dvc:PageTokens:Lifetime</c> after its page.</summary>
public sealed class PageTokenExpiryTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments("--Dvc:PageTokens:Lifetime", "00:00:01");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task A_page_token_older_than_its_lifetime_is_refused_and_says_so()
    {
        var unit = await FileTwo(_secure);
        var request = new ListDossiersRequest { UnitCode = unit, PageSize = 1 };
        var portal = _secure.Dossiers(_secure.Pki.Token("portal-pages"));
        var token = (await portal.ListAsync(request)).NextPageToken;

        var refused = await Eventually.Read(
            async () => await portal.ListAsync(new ListDossiersRequest(request) { PageToken = token }).ResponseAsync.ContinueWith(reply => reply.Exception?.InnerException),
            failure => failure is not null);

        var e = Assert.IsType<RpcException>(refused);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (e.StatusCode, e.Reason()));
        Assert.Contains("expired", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Dvc:PageTokens:Lifetime", e.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Two dossiers filed in a commune of Hà Nội by the national portal, so that a list of one per page has a next page.</summary>
    internal static async Task<string> FileTwo(SecureServer secure)
    {
        var national = secure.Pki.Token("portal-national");
        var commune = (await secure.Catalog(national).ListUnitsAsync(new ListUnitsRequest { ParentCode = "01" })).Units[0].Code;
        for (var i = 0; i < 2; i++)
        {
            await secure.Dossiers(national).SubmitAsync(new SubmitRequest
            {
                Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddHours(-1)), UnitCode = commune, ProcedureCode = "1.001193", Channel = Channel.InPerson,
            });
        }
        return commune;
    }
}

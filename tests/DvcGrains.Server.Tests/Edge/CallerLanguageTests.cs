using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Security;
using Microsoft.AspNetCore.Http;

namespace DvcGrains.Server.Tests.Edge;

public class CallerLanguageTests
{
    [Theory]
    [InlineData(null, null, Language.English)]
    [InlineData(null, "vi", Language.Vietnamese)]
    [InlineData(null, "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", Language.Vietnamese)]
    [InlineData(null, "en;q=0.9, vi;q=0.8", Language.English)]
    [InlineData(null, "fr, vi;q=0.5", Language.Vietnamese)]
    [InlineData(null, "vi;q=0, en;q=0.1", Language.English)]
    [InlineData(null, "video", Language.English)]
    [InlineData(null, "*", Language.English)]
    [InlineData(null, ";;;", Language.English)]
    [InlineData("vi", "en", Language.Vietnamese)]
    [InlineData("en", "vi", Language.English)]
    public void The_gRPC_header_comes_first_and_the_weights_decide(string? grpc, string? http, Language expected)
    {
        var context = new DefaultHttpContext();
        if (grpc is not null)
        {
            context.Request.Headers[CallerLanguage.GrpcHeader] = grpc;
        }
        if (http is not null)
        {
            context.Request.Headers.AcceptLanguage = http;
        }

        Assert.Equal(expected, CallerLanguage.Of(context));
    }

    [Fact]
    public void Every_message_a_refusal_can_carry_has_its_Vietnamese_text()
    {
        var templates = MessageCatalog.Of(typeof(Message).Assembly, typeof(global::DvcGrains.Grains.Dossiers.DossierGrain).Assembly, typeof(DvcErrors).Assembly);

        Assert.Contains(EdgeMessages.LookupNotFound, templates);
        Assert.Contains(SecurityMessages.NoToken, templates);
        Assert.Empty(MessageCatalog.Faults(templates));
    }
}

using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Tests.Text;

public class MessageTests
{
    [Fact]
    public void A_message_renders_its_values_and_its_nested_messages_in_the_language_asked_for()
    {
        var message = DossierMessages.TooLarge.With("Rate", "D-1", DossierMessages.TooManyEvents.With(500, 500));

        Assert.StartsWith("Rate cannot be recorded on dossier D-1: it has 500 events", message.In(Language.English), StringComparison.Ordinal);
        Assert.StartsWith("Không thể ghi Rate vào hồ sơ D-1: hồ sơ đã có 500 sự kiện", message.In(Language.Vietnamese), StringComparison.Ordinal);
        Assert.Equal(message.In(Language.English), message.ToString());
    }

    [Fact]
    public void Every_template_of_the_domain_is_complete_in_Vietnamese()
    {
        var templates = MessageCatalog.Of(typeof(Message).Assembly);

        Assert.Contains(DossierMessages.NotAllowedInStatus, templates);
        Assert.Empty(MessageCatalog.Faults(templates));
    }

    [Fact]
    public void The_catalog_names_a_template_without_Vietnamese_one_left_in_English_and_one_whose_placeholders_differ()
    {
        var faults = MessageCatalog.Faults([
            new MessageTemplate("t.none", "Send {0}.", ""),
            new MessageTemplate("t.english", "Send {0}.", "Send {0}."),
            new MessageTemplate("t.placeholders", "Send {0} to {1}.", "Gửi {0}."),
            new MessageTemplate("t.none", "{0}; {1}", "{0}; {1}"),
        ]);

        Assert.Equal([
            "t.none: no Vietnamese text",
            "t.english: the Vietnamese text is the English one",
            "t.placeholders: the texts name different placeholders",
            "t.none: another template has this id",
        ], faults);
    }
}

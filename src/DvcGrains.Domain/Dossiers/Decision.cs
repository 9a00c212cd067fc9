using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>The outcome of deciding a command: exactly one of an event to apply or a rejection.</summary>
public readonly record struct Decision
{
    private Decision(DossierEvent? accepted, DossierRejection? rejection)
    {
        Event = accepted;
        Rejection = rejection;
    }

    public DossierEvent? Event { get; }
    public DossierRejection? Rejection { get; }
    public bool IsAccepted => Event is not null;

    public static Decision Accept(DossierEvent accepted) => new(accepted, null);

    public static Decision Reject(RejectionReason reason, Message message, string? field = null) =>
        new(null, new DossierRejection(reason, message, field));
}

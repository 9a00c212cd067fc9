using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>Checks of a command's own fields, which need no dossier: the contract's INVALID_ARGUMENT cases.</summary>
public static class DossierCommandValidator
{
    /// <summary>What is wrong with <paramref name="command"/>'s fields, and which field (its name in the contract), or null when nothing is.</summary>
    public static (string Field, Message Message)? Problem(DossierCommand command) => command switch
    {
        Submit { ProcedureCode: var code } when string.IsNullOrWhiteSpace(code) => (ContractFields.ProcedureCode, DossierMessages.ProcedureRequired.Alone()),
        Submit { Channel: Channel.Unspecified } => ("channel", DossierMessages.ChannelRequired.Alone()),
        Submit { Components: var components } when UnnamedComponent(components) is { } unnamed => unnamed,
        CompleteSupplement { Components: var components } when UnnamedComponent(components) is { } unnamed => unnamed,
        Refuse { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestSupplement { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestWithdrawal { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        StopProcessing { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        IssueApology { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => ReasonRequired(command),
        RequestPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { AmountVnd: var amount } when PaymentAmountRule.AmountProblem(command.Name, amount) is { } problem => (ContractFields.AmountVnd, problem),
        RecordPayment { Method: PaymentMethod.Unspecified } => ("method", DossierMessages.PaymentMethodRequired.Alone()),
        _ => null,
    };

    /// <summary>The first component without a name, as the contract names its field (<c>components[2].name</c>).</summary>
    private static (string, Message)? UnnamedComponent(IReadOnlyList<DossierComponent> components)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(components[i].Name))
            {
                var field = $"components[{i}].name";
                return (field, DossierMessages.ComponentUnnamed.With(field));
            }
        }
        return null;
    }

    private static (string, Message) ReasonRequired(DossierCommand command) => ("reason", DossierMessages.ReasonRequired.With(command.Name));
}

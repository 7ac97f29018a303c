using Tango.Domain.Ledger;

namespace Tango.Hosting;

public static partial class Validate
{
    /// <summary>The rule for order ids, SKUs, cart, refund and reward ids (<see cref="ShopIds"/>); member ids keep <see cref="IdRule"/>.</summary>
    public const string ShopIdRule = ShopIds.Rule;

    /// <summary>
    /// Checks an id the shop made up (an order number, a SKU) and answers it as it is kept, trimmed; a missing one
    /// is named as required when <paramref name="required"/>, a broken one is named with the rule.
    /// </summary>
    public static string? ShopId(Errors errors, string field, string? value, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "Required. " + ShopIdRule);
            }
            return null;
        }
        var kept = ShopIds.Normalize(value);
        if (kept is null)
        {
            errors.Add(field, ShopIdRule);
        }
        return kept;
    }
}

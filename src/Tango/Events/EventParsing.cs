using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Hosting;
using Tango.Store.Events;
using Tango.Store.Idempotency;

namespace Tango.Events;

/// <summary>
/// Turns a posted event into a command for the write path, or a problem naming every broken field.
/// Nothing here touches the store, so a rejected event has changed nothing.
/// </summary>
public static partial class EventParsing
{
    /// <summary>Clocks drift; an event a little ahead of ours is accepted, one far ahead is a mistake.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    // Earlier instants are almost certainly a zero or a unit mix-up; old purchase histories (CDNOW's 1997) are not.
    private static readonly DateTimeOffset s_earliest = DateTimeOffset.UnixEpoch;

    [GeneratedRegex("^custom\\.[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex CustomType();

    public static (EventCommand? Command, StoredResponse? Problem) Parse(
        string tenantId, string? type, string? memberId, string? occurredAt, JsonElement? data, DateTimeOffset now) =>
        Parse(tenantId, type, memberId, occurredAt, data, now, new Errors());

    /// <param name="errors">What reading the request already found; the problem names that and everything found here.</param>
    public static (EventCommand? Command, StoredResponse? Problem) Parse(
        string tenantId, string? type, string? memberId, string? occurredAt, JsonElement? data, DateTimeOffset now, Errors errors)
    {
        if (type is null)
        {
            errors.Add("type", "Required.");
        }
        else if (type is not ("purchase" or "refund" or "cart.updated" or "cart.converted" or "product.viewed") && !CustomType().IsMatch(type))
        {
            errors.Add("type", "One of purchase, refund, cart.updated, cart.converted, product.viewed or custom.<name>.");
        }
        if (memberId is null)
        {
            errors.Add("memberId", "Required.");
        }
        else if (!Validate.IsId(memberId))
        {
            errors.Add("memberId", Validate.IdRule);
        }
        var at = now;
        if (occurredAt is not null)
        {
            if (!TryParseInstant(occurredAt, out at))
            {
                errors.Add("occurredAt", "An ISO-8601 instant with a zone, such as 2026-11-23T10:00:00Z.");
            }
            else if (at > now + FutureTolerance)
            {
                errors.Add("occurredAt", "Is in the future.");
            }
            else if (at < s_earliest)
            {
                errors.Add("occurredAt", "Is before 1970.");
            }
        }
        // The data is judged even when the envelope is broken, so one answer names every broken field.
        var raw = data is { ValueKind: not JsonValueKind.Undefined } d ? d : JsonDocument.Parse("{}").RootElement;
        var command = new EventCommand(tenantId, memberId ?? "", type ?? "", at, raw.GetRawText());
        var (parsed, problem) = type switch
        {
            "purchase" => ParsePurchase(command, raw, errors),
            "refund" => ParseRefund(command, raw, errors),
            "cart.updated" or "cart.converted" => ParseCart(command, raw, errors),
            "product.viewed" => ParseProductViewed(command, raw, errors),
            _ when raw.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) => (null, errors.Add("data", "A JSON object is required.").ToProblem()),
            _ => (command, null),
        };
        return problem is not null || errors.Any ? (null, problem ?? errors.ToProblem()) : (parsed, null);
    }

    private static (EventCommand?, StoredResponse?) ParsePurchase(EventCommand command, JsonElement raw, Errors errors)
    {
        if (JsonInput.Bind<PurchaseData>(raw, "data", errors) is not { } p)
        {
            return (null, errors.ToProblem());
        }
        var orderId = Validate.ShopId(errors, "data.orderId", p.OrderId);
        if (p.Total is null)
        {
            errors.Add("data.total", "Required.");
        }
        else if (p.Total < 0)
        {
            errors.Add("data.total", "Must not be negative.");
        }
        else if (p.Total > 1_000_000_000m)
        {
            errors.Add("data.total", "Must be at most 1,000,000,000.");
        }
        var lines = CheckLines(errors, p.Lines);
        // Codes are compared case-insensitively downstream ("eur" is EUR), so validate them the same way.
        if (p.Currency is not null && !Currency.IsKnown(p.Currency.ToUpperInvariant()))
        {
            errors.Add("data.currency", "Not an ISO 4217 currency code.");
        }
        if (p.Channel is { Length: 0 or > 64 })
        {
            errors.Add("data.channel", "1-64 characters.");
        }
        if (p.PaymentFingerprint is { } card && !Referrals.PaymentFingerprints.IsValid(card))
        {
            errors.Add("data.paymentFingerprint", Referrals.PaymentFingerprints.Rule);
        }
        // The share paid with points or from the wallet (money amounts, part of the total) earns nothing by default.
        foreach (var (field, paid) in new[] { ("data.paidWithPoints", p.PaidWithPoints), ("data.paidWithWallet", p.PaidWithWallet) })
        {
            if (paid is < 0)
            {
                errors.Add(field, "Must not be negative.");
            }
            else if (paid > p.Total)
            {
                errors.Add(field, "Must not exceed the total.");
            }
        }
        if (p.PaidWithPoints is >= 0 && p.PaidWithWallet is >= 0 && p.PaidWithPoints + p.PaidWithWallet > p.Total)
        {
            errors.Add("data.paidWithWallet", "paidWithPoints and paidWithWallet together must not exceed the total.");
        }
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        var purchase = new Purchase(p.Total!.Value, lines, p.Channel, command.OccurredAt)
        {
            PaidWithPoints = p.PaidWithPoints ?? 0,
            PaidWithWallet = p.PaidWithWallet ?? 0,
        };
        var purchaseCommand = new PurchaseCommand(orderId!, purchase, p.Currency?.ToUpperInvariant(), p.PaymentFingerprint);
        return (TrimmedShopIds.Apply(command, raw) with { Purchase = purchaseCommand }, null);
    }

    private static (EventCommand?, StoredResponse?) ParseRefund(EventCommand command, JsonElement raw, Errors errors)
    {
        if (JsonInput.Bind<RefundData>(raw, "data", errors) is not { } r)
        {
            return (null, errors.ToProblem());
        }
        var orderId = Validate.ShopId(errors, "data.orderId", r.OrderId);
        if (r.Amount is null)
        {
            errors.Add("data.amount", "Required.");
        }
        else if (r.Amount <= 0)
        {
            errors.Add("data.amount", "Must be greater than zero.");
        }
        var refundId = Validate.ShopId(errors, "data.refundId", r.RefundId, required: false);
        return errors.Any
            ? (null, errors.ToProblem())
            : (TrimmedShopIds.Apply(command, raw) with { Refund = new RefundCommand(orderId!, r.Amount!.Value, refundId) }, null);
    }

    private static (EventCommand?, StoredResponse?) ParseCart(EventCommand command, JsonElement raw, Errors errors)
    {
        if (JsonInput.Bind<CartData>(raw, "data", errors) is not { } c)
        {
            return (null, errors.ToProblem());
        }
        Validate.ShopId(errors, "data.cartId", c.CartId);
        if (c.Total is < 0)
        {
            errors.Add("data.total", "Must not be negative.");
        }
        CheckLines(errors, c.Lines);
        return errors.Any ? (null, errors.ToProblem()) : (TrimmedShopIds.Apply(command, raw), null);
    }

    private static (EventCommand?, StoredResponse?) ParseProductViewed(EventCommand command, JsonElement raw, Errors errors)
    {
        if (JsonInput.Bind<ProductViewedData>(raw, "data", errors) is not { } v)
        {
            return (null, errors.ToProblem());
        }
        Validate.ShopId(errors, "data.sku", v.Sku);
        return errors.Any ? (null, errors.ToProblem()) : (TrimmedShopIds.Apply(command, raw), null);
    }

    private static List<OrderLine> CheckLines(Errors errors, IReadOnlyList<LineInput>? lines)
    {
        var result = new List<OrderLine>();
        if (lines is null)
        {
            return result;
        }
        if (lines.Count > 1000)
        {
            errors.Add("data.lines", "At most 1000 lines.");
            return result;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"data.lines[{i}]";
            if (line is null)
            {
                errors.Add(at, "A line object is required.");
                continue;
            }
            var sku = Validate.ShopId(errors, at + ".sku", line.Sku);
            if (line.Category is { Length: 0 or > 64 })
            {
                errors.Add(at + ".category", "1-64 characters.");
            }
            if (line.Quantity is null or <= 0 or > 1_000_000)
            {
                errors.Add(at + ".quantity", "Required, greater than zero and at most 1,000,000.");
            }
            if (line.UnitPrice is null or < 0 or > 1_000_000_000m)
            {
                errors.Add(at + ".unitPrice", "Required, not negative and at most 1,000,000,000.");
            }
            if (!errors.Any)
            {
                result.Add(new OrderLine(sku!, line.Category, line.Quantity!.Value, line.UnitPrice!.Value));
            }
        }
        return result;
    }

    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 19 && text.AsSpan(19).IndexOfAny('+', '-') >= 0);
        return hasZone && text.Length >= 20 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }
}

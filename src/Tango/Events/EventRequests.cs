using System.ComponentModel;
using System.Text.Json;

namespace Tango.Events;

public sealed record EventRequest(string? Type, string? MemberId, string? OccurredAt, [property: Description(EventRequests.DataText)] JsonElement? Data);

public sealed record BatchItemRequest(string? IdempotencyKey, string? Type, string? MemberId, string? OccurredAt,
    [property: Description(EventRequests.DataText)] JsonElement? Data);

/// <summary>What the OpenAPI document says about an event's data, which it cannot type (it depends on the event's type).</summary>
internal static class EventRequests
{
    public const string DataText =
        "purchase: {orderId, total, lines?: [{sku, category?, quantity, unitPrice}], channel?, currency?}; refund: {orderId, amount, refundId?}; " +
        "cart.updated, cart.converted: {cartId, total?, lines?}; product.viewed: {sku}; custom.<name>: any object. " +
        "orderId, sku, cartId and refundId are the shop's own: " + Hosting.Validate.ShopIdRule;
}

public sealed record LineInput(string? Sku, string? Category, decimal? Quantity, decimal? UnitPrice);

public sealed record PurchaseData(string? OrderId, decimal? Total, IReadOnlyList<LineInput>? Lines, string? Channel, string? StoreId, string? Currency,
    string? PaymentFingerprint = null, decimal? PaidWithPoints = null, decimal? PaidWithWallet = null);

public sealed record RefundData(string? OrderId, decimal? Amount, string? RefundId, string? Reason);

public sealed record CartData(string? CartId, decimal? Total, IReadOnlyList<LineInput>? Lines);

public sealed record ProductViewedData(string? Sku);

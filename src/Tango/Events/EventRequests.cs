using System.Text.Json;

namespace Tango.Events;

public sealed record EventRequest(string? Type, string? MemberId, string? OccurredAt, JsonElement? Data);

public sealed record BatchItemRequest(string? IdempotencyKey, string? Type, string? MemberId, string? OccurredAt, JsonElement? Data);

public sealed record LineInput(string? Sku, string? Category, decimal? Quantity, decimal? UnitPrice);

public sealed record PurchaseData(string? OrderId, decimal? Total, IReadOnlyList<LineInput>? Lines, string? Channel, string? StoreId, string? Currency,
    string? PaymentFingerprint = null, decimal? PaidWithPoints = null, decimal? PaidWithWallet = null);

public sealed record RefundData(string? OrderId, decimal? Amount, string? RefundId, string? Reason);

public sealed record CartData(string? CartId, decimal? Total, IReadOnlyList<LineInput>? Lines);

public sealed record ProductViewedData(string? Sku);

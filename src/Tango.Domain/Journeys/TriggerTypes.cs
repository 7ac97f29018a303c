using Tango.Domain.Analytics.Loyalty;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Journeys;

/// <summary>How a trigger is noticed: from a stored event, or by a periodic look at dates, insights or service cases.</summary>
public enum TriggerSource { Event, Scan }

/// <summary>One kind of trigger: where it comes from, which event type starts it and what its templates may use.</summary>
public sealed record TriggerType(string Name, TriggerSource Source, string? EventType, bool NeedsDelay, string? ContextVariable);

/// <summary>The triggers Tango knows. Each ships with a ready-made journey a tenant can switch on.</summary>
public static class TriggerTypes
{
    public const string FirstPurchase = "first-purchase";
    public const string Purchase = "purchase";
    public const string CartAbandoned = "cart-abandoned";
    public const string ProductViewed = "product-viewed";
    public const string Event = "event";
    public const string Birthday = "birthday";
    public const string Anniversary = "anniversary";
    public const string Reactivation = "reactivation";
    public const string ServiceRecovery = "service-recovery";
    public const string Replenishment = "replenishment";
    public const string ValueReport = "value-report";

    public static IReadOnlyList<TriggerType> All { get; } =
    [
        new(FirstPurchase, TriggerSource.Event, "purchase", false, "order"),
        new(Purchase, TriggerSource.Event, "purchase", false, "order"),
        new(CartAbandoned, TriggerSource.Event, "cart.updated", true, "cart"),
        new(ProductViewed, TriggerSource.Event, "product.viewed", true, "product"),
        new(Event, TriggerSource.Event, null, false, "event"),
        new(Birthday, TriggerSource.Scan, null, false, "birthday"),
        new(Anniversary, TriggerSource.Scan, null, false, "anniversary"),
        new(Reactivation, TriggerSource.Scan, null, false, null),
        new(ServiceRecovery, TriggerSource.Scan, null, false, "case"),
        new(Replenishment, TriggerSource.Scan, null, false, "replenishment"),
        new(ValueReport, TriggerSource.Scan, null, false, "report"),
    ];

    public static TriggerType? Find(string? name) => All.FirstOrDefault(t => t.Name == name);

    public static string Names => string.Join(", ", All.Select(t => t.Name));

    /// <summary>The event type a trigger listens to: its own, or for `event` the one the journey names.</summary>
    public static string? EventTypeOf(TriggerSpec trigger) =>
        Find(trigger.Type) is { } type ? type.EventType ?? (type.Name == Event ? trigger.Event : null) : null;

    /// <summary>The recovery causes service recovery answers (as RecoveryCauses spells them).</summary>
    public static IReadOnlyList<string> RecoveryCauses { get; } = ["detractor", "sla-breach"];

    /// <summary>The RFM segments analytics gives members, by their API names.</summary>
    public static IReadOnlyList<string> Segments { get; } = RfmSegments.All.Select(s => s.Name()).ToArray();

    public static IReadOnlyList<string> LoyaltyStages { get; } = Enum.GetValues<LoyaltyStage>().Select(s => s.Name()).ToArray();
}

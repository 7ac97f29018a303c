using Tango.Domain.Ledger;

namespace Tango.Domain.Analytics.Kpis;

/// <summary>What the overview needs to know about one member.</summary>
/// <param name="Orders">Purchases made; a member with none is not a purchaser.</param>
/// <param name="PAlive">P(alive) from a fitted model, or null when no model was fitted.</param>
/// <param name="PointsBalance">Outstanding points, summed into the points liability.</param>
public readonly record struct MemberAggregate(
    int Orders,
    decimal Revenue,
    DateOnly? FirstPurchase,
    DateOnly? LastPurchase,
    double? PAlive = null,
    Points PointsBalance = default);

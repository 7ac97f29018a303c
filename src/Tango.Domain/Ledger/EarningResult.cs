namespace Tango.Domain.Ledger;

/// <summary>
/// Points earned by one order. <see cref="Components"/> start with the base share and always sum to
/// <see cref="Points"/>; <see cref="WalletMinor"/> is the cashback in minor units of the currency.
/// </summary>
public sealed record EarningResult(long Points, IReadOnlyList<EarnComponent> Components, long WalletMinor);

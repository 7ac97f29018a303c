namespace Tango.Domain.Ledger;

/// <summary>A number of points; arithmetic is checked so a balance never wraps around.</summary>
public readonly record struct Points(long Value) : IComparable<Points>
{
    /// <summary>
    /// The most points one figure a client sends may move or cost (an adjustment, a redemption, a rule's bonus, a
    /// reward's price): 10^12 either way. Far beyond any real program, and far enough below the 64-bit limit
    /// (about 9.2 × 10^18) that adding such figures to a balance cannot wrap unnoticed.
    /// </summary>
    public const long MaxAmount = 1_000_000_000_000;

    public static Points Zero => default;

    public static Points operator +(Points left, Points right) => new(checked(left.Value + right.Value));

    public static Points operator -(Points left, Points right) => new(checked(left.Value - right.Value));

    public static bool operator <(Points left, Points right) => left.Value < right.Value;

    public static bool operator >(Points left, Points right) => left.Value > right.Value;

    public static bool operator <=(Points left, Points right) => left.Value <= right.Value;

    public static bool operator >=(Points left, Points right) => left.Value >= right.Value;

    public static implicit operator long(Points points) => points.Value;

    public static explicit operator Points(long value) => new(value);

    public int CompareTo(Points other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

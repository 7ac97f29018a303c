namespace Tango.Domain.Ledger;

/// <summary>A number of points; arithmetic is checked so a balance never wraps around.</summary>
public readonly record struct Points(long Value) : IComparable<Points>
{
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

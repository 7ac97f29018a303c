namespace Tango.Domain.Programs;

public enum Rounding
{
    /// <summary>Toward negative infinity (floor).</summary>
    Down,

    /// <summary>To the nearest integer, .5 away from zero.</summary>
    Nearest,

    /// <summary>Toward positive infinity (ceiling).</summary>
    Up,
}

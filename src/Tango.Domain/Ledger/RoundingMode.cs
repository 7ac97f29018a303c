using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

internal static class RoundingMode
{
    public static decimal Apply(this Rounding rounding, decimal value) => rounding switch
    {
        Rounding.Up => decimal.Ceiling(value),
        Rounding.Nearest => decimal.Round(value, MidpointRounding.AwayFromZero),
        _ => decimal.Floor(value),
    };
}

using System.Collections.Frozen;

namespace Tango.Domain.Money;

/// <summary>ISO 4217 currencies in use, with their minor units.</summary>
public static class Currency
{
    // Active ISO 4217 codes that denote money (no precious metals, no test codes), grouped by minor units.
    private const string NoMinorUnits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
    private const string ThreeMinorUnits = "BHD IQD JOD KWD LYD OMR TND";
    private const string FourMinorUnits = "CLF UYW";
    private const string TwoMinorUnits =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL " +
        "GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD " +
        "LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN " +
        "PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL " +
        "THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

    private static readonly FrozenDictionary<string, int> MinorUnitsByCode = Build();

    /// <summary>Exact, upper-case match against the ISO 4217 list.</summary>
    public static bool IsKnown(string code) => code is not null && MinorUnitsByCode.ContainsKey(code);

    /// <exception cref="ArgumentException">The code is not a known currency.</exception>
    public static int MinorUnits(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return MinorUnitsByCode.TryGetValue(code, out var units)
            ? units
            : throw new ArgumentException($"'{code}' is not a known ISO 4217 currency code.", nameof(code));
    }

    /// <summary>Amount in minor units (cents), rounded toward zero.</summary>
    public static long ToMinor(decimal amount, string code) =>
        checked((long)decimal.Truncate(amount * Scale(code)));

    public static decimal FromMinor(long minor, string code) => minor / Scale(code);

    private static decimal Scale(string code) => MinorUnits(code) switch
    {
        0 => 1m,
        3 => 1000m,
        4 => 10000m,
        _ => 100m,
    };

    private static FrozenDictionary<string, int> Build()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        Add(table, NoMinorUnits, 0);
        Add(table, TwoMinorUnits, 2);
        Add(table, ThreeMinorUnits, 3);
        Add(table, FourMinorUnits, 4);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, int> table, string codes, int units)
    {
        foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            table.Add(code, units);
        }
    }
}

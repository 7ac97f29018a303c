using System.Globalization;
using Tango.Domain.Ledger;
using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Ledger;

/// <summary>Intentions for earning tests: a program with some rules, a purchase at some instant.</summary>
internal static class Orders
{
    public static readonly DateTimeOffset MondayNoonUtc = At("2026-11-30T12:00:00Z");

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static ProgramDocument ProgramWith(params EarningRule[] rules) =>
        new() { Earning = new EarningPolicy { Rules = rules } };

    public static ProgramDocument WithRounding(this ProgramDocument program, Rounding rounding) =>
        program with { Earning = program.Earning with { Rounding = rounding } };

    public static Purchase Purchase(decimal total, params OrderLine[] lines) =>
        new(total, lines, null, MondayNoonUtc);

    public static Purchase Purchase(params OrderLine[] lines) =>
        Purchase(lines.Sum(l => l.Quantity * l.UnitPrice), lines);

    public static OrderLine Line(string sku, string? category, decimal amount) => new(sku, category, 1m, amount);

    public static void AssertComponentsSumToTotal(EarningResult result) =>
        Assert.Equal(result.Points, result.Components.Sum(c => c.Points));
}

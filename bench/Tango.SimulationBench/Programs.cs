namespace Tango.SimulationBench;

/// <summary>The current program and a proposal that changes rules, tiers and exclusions: both are replayed.</summary>
internal static class Programs
{
    public const string Current = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down",
           "rules":[{"id":"coffee-mondays","when":{"categories":["coffee"],"daysOfWeek":["mon"]},"multiplier":2},
                    {"id":"big-basket","when":{"minTotal":100},"bonusPoints":50,"maxPointsPerOrder":1000},
                    {"id":"app","when":{"channels":["app"]},"multiplier":1.5}]},
         "expiry":{"months":12},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":500,"multiplier":1.25},
                  {"id":"gold","name":"Gold","minSpend":1500,"multiplier":1.5}],
         "tierPolicy":{"metric":"spend","windowMonths":12,"downgradeGraceMonths":3},
         "rewards":[{"id":"free-coffee","name":"Free coffee","kind":"coupon","costPoints":150,"portable":true,"discountAmount":3},
                    {"id":"ten-off","name":"10 off","kind":"coupon","costPoints":1000,"portable":true,"discountAmount":10}]}
        """;

    public const string Proposed = """
        {"currency":"EUR","timeZone":"Europe/Berlin","earning":{"pointsPerUnit":1,"rounding":"nearest",
           "exclude":{"categories":["gift-cards"]},"limits":{"perDay":400,"perMonth":2000},
           "rules":[{"id":"coffee","when":{"categories":["coffee"]},"multiplier":2,"priority":10,"stop":true},
                    {"id":"big-basket","when":{"minTotal":120},"bonusPoints":40},
                    {"id":"app","when":{"channels":["app"]},"multiplier":1.25}]},
         "expiry":{"months":9},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":600,"multiplier":1.25},
                  {"id":"gold","name":"Gold","minSpend":2000,"multiplier":1.5}],
         "tierPolicy":{"metric":"spend","windowMonths":12,"downgradeGraceMonths":2},
         "rewards":[{"id":"free-coffee","name":"Free coffee","kind":"coupon","costPoints":200,"portable":true,"discountAmount":3}],
         "challenges":[{"id":"three-in-30","name":"Three in 30 days","event":"purchase","count":3,"windowDays":30,"repeat":"always","reward":{"points":100}}]}
        """;
}

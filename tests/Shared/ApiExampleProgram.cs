namespace Tango.Tests.Shared;

/// <summary>The example program document from API.md, verbatim: every key in it must be accepted with its meaning.</summary>
public static class ApiExampleProgram
{
    public const string Json = """
        {
          "currency": "EUR",
          "earning": {
            "pointsPerUnit": 1,
            "rounding": "down",
            "rules": [
              { "id": "coffee-mondays", "when": { "categories": ["coffee"], "daysOfWeek": ["mon"] }, "multiplier": 2 },
              { "id": "big-basket", "when": { "minTotal": 100 }, "bonusPoints": 50, "maxPointsPerOrder": 1000 },
              { "id": "app-launch", "when": { "channels": ["app"], "from": "2026-12-01", "to": "2026-12-31" }, "multiplier": 3 }
            ]
          },
          "expiry": { "months": 12 },
          "cashback": { "percent": 2 },
          "tiers": [
            { "id": "bronze", "name": "Bronze", "minSpend": 0 },
            { "id": "silver", "name": "Silver", "minSpend": 500, "multiplier": 1.25 },
            { "id": "gold", "name": "Gold", "minSpend": 1500, "multiplier": 1.5 }
          ],
          "tierPolicy": { "metric": "spend", "windowMonths": 12, "downgradeGraceMonths": 3 },
          "referral": { "referrerPoints": 500, "friendPoints": 200, "minFirstPurchase": 20, "maxRewardsPerMonth": 10 },
          "rewards": [
            { "id": "free-coffee", "name": "Free coffee", "kind": "coupon", "costPoints": 150, "portable": true },
            { "id": "roastery-tour", "name": "Roastery tour", "kind": "experience", "costPoints": 2000, "portable": false, "tiers": ["gold"], "stock": 20 }
          ],
          "challenges": [
            { "id": "three-in-a-month", "name": "Three visits in 30 days", "event": "purchase", "count": 3, "windowDays": 30, "reward": { "points": 100, "badge": "regular" } }
          ]
        }
        """;
}

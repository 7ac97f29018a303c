namespace Tango.Domain.Journeys;

/// <summary>
/// A sensible journey for each trigger, which a tenant switches on as it is (`POST /v1/journeys/{key}/enable`)
/// or takes as the starting point of its own (`GET /v1/journeys/ready-made`, then PUT).
/// </summary>
public static class ReadyMadeJourneys
{
    private static readonly QuietHoursSpec s_evenings = new() { Start = "21:00", End = "08:00" };

    // The apology says what happened in the member's terms (their order, their request), not the case's log line.
    private const string WhatWeSaw =
        "{% if case.cause == \"sla-breach\" %}we saw that your request{% if case.orderId %} about order {{ case.orderId }}{% endif %} waited longer for an answer than we promised"
        + "{% elsif case.orderId %}we saw that order {{ case.orderId }} did not turn out the way you hoped"
        + "{% else %}we saw that your last experience with us was not what it should have been{% endif %}";

    private static StepSpec Email(string id, string subject, string template) =>
        new() { Id = id, Type = StepTypes.Send, Channel = "email", Subject = subject, Template = template };

    public static IReadOnlyDictionary<string, JourneyDefinition> All { get; } = new Dictionary<string, JourneyDefinition>(StringComparer.Ordinal)
    {
        ["first-purchase-thank-you"] = new()
        {
            Name = "Thank you for the first purchase",
            Trigger = new() { Type = TriggerTypes.FirstPurchase },
            Steps =
            [
                Email("thank-you", "Thank you for your first order, {{ member.firstName | default: 'and welcome' }}",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    thank you for order {{ order.id }}. {% if order.lines.size > 0 %}A tip for your {{ order.lines.first.sku }}: get the most out of it by registering it in your account.{% endif %}
                    You now have {{ balance.points }} points.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            HoldoutPercent = 10,
            QuietHours = s_evenings,
            ConversionWindowDays = 30,
        },
        ["post-purchase-check-in"] = new()
        {
            Name = "How do you like it?",
            Trigger = new() { Type = TriggerTypes.Purchase, Delay = "P7D" },
            Steps =
            [
                Email("check-in", "How do you like your order?",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    a week ago you bought {% for line in order.lines limit: 3 %}{{ line.sku }}{% unless forloop.last %}, {% endunless %}{% endfor %}.
                    How do you like it? Need help setting it up? Just answer this message.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            Reentry = new() { Policy = ReentryPolicies.After, AfterDays = 30 },
            HoldoutPercent = 10,
            FrequencyCap = new() { Max = 3, PerDays = 7 },
            QuietHours = s_evenings,
            ConversionWindowDays = 30,
        },
        ["abandoned-cart"] = new()
        {
            Name = "Abandoned cart reminder",
            Trigger = new() { Type = TriggerTypes.CartAbandoned, Delay = "PT4H" },
            Steps =
            [
                Email("reminder", "You left something in your cart",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    your cart ({{ cart.total }} {{ balance.currency }}) is still waiting for you.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            Exit = new() { OnPurchase = true, OnEvents = ["cart.converted"] },
            HoldoutPercent = 10,
            FrequencyCap = new() { Max = 3, PerDays = 7 },
            QuietHours = s_evenings,
            ConversionWindowDays = 7,
        },
        ["viewed-not-bought"] = new()
        {
            Name = "Viewed but not bought",
            Trigger = new() { Type = TriggerTypes.ProductViewed, Delay = "P1D" },
            Steps =
            [
                Email("nudge", "Still thinking about it?",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    you looked at {{ product.sku }} yesterday. Questions? We are happy to help.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            Exit = new() { OnPurchase = true },
            Reentry = new() { Policy = ReentryPolicies.After, AfterDays = 14 },
            HoldoutPercent = 10,
            FrequencyCap = new() { Max = 2, PerDays = 7 },
            QuietHours = s_evenings,
            ConversionWindowDays = 7,
        },
        ["birthday"] = new()
        {
            Name = "Happy birthday",
            Trigger = new() { Type = TriggerTypes.Birthday },
            Steps =
            [
                new() { Id = "gift", Type = StepTypes.Grant, Points = 100, Reason = "Birthday gift" },
                Email("wishes", "Happy birthday, {{ member.firstName | default: 'dear member' }}!",
                    """
                    Happy birthday{% if member.firstName %}, {{ member.firstName }}{% endif %}!

                    We added {{ reward.points }} points to your account: you now have {{ balance.points }}.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            HoldoutPercent = 10,
            QuietHours = s_evenings,
            ConversionWindowDays = 14,
        },
        ["anniversary"] = new()
        {
            Name = "Anniversary of the first purchase",
            Trigger = new() { Type = TriggerTypes.Anniversary },
            Steps =
            [
                Email("anniversary", "{{ anniversary.years }} year{% if anniversary.years > 1 %}s{% endif %} together",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    {{ anniversary.years }} year{% if anniversary.years > 1 %}s{% endif %} ago you shopped with us for the first time. Thank you for staying with us.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            HoldoutPercent = 10,
            QuietHours = s_evenings,
            ConversionWindowDays = 14,
        },
        ["reactivation"] = new()
        {
            Name = "We miss you",
            Trigger = new() { Type = TriggerTypes.Reactivation, PAliveBelow = 0.3, Segments = ["at-risk", "cant-lose-them"] },
            Steps =
            [
                Email("miss-you", "We miss you, {{ member.firstName | default: 'friend' }}",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    it has been a while. You still have {{ balance.points }} points with us.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
                new() { Id = "give-time", Type = StepTypes.Wait, Duration = "P7D" },
                new() { Id = "came-back", Type = StepTypes.Branch, If = new() { Purchased = true }, Then = StepTypes.Exit, Else = "incentive" },
                new() { Id = "incentive", Type = StepTypes.Grant, Points = 50, Reason = "Welcome back" },
                Email("incentive-mail", "50 points to welcome you back",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    we added {{ reward.points }} points to your account. We would love to see you again.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            Exit = new() { OnPurchase = true },
            HoldoutPercent = 10,
            FrequencyCap = new() { Max = 2, PerDays = 14 },
            QuietHours = s_evenings,
            ConversionWindowDays = 30,
        },
        ["service-recovery"] = new()
        {
            Name = "Service recovery apology",
            Trigger = new() { Type = TriggerTypes.ServiceRecovery },
            Steps =
            [
                Email("apology", "We are sorry{% if member.firstName %}, {{ member.firstName }}{% endif %}",
                    $$$"""
                    Hello {{ member.firstName | default: "there" }},

                    {{{WhatWeSaw}}}, and we are sorry.

                    Here is what we did: {% if case.compensationPoints > 0 %}we added {{ case.compensationPoints }} points to your account, and {% endif %}someone from our team is looking into it personally and will be in touch with you soon.

                    {% if case.cause == "sla-breach" %}Thank you for your patience.{% else %}Thank you for telling us: it helps us do better.{% endif %}
                    """),
                new() { Id = "apology-inbox", Type = StepTypes.Send, Channel = "inbox", Subject = "We are sorry",
                    Template = "{{ member.firstName | default: 'Hello' }}, " + WhatWeSaw + ", and we are sorry. "
                        + "{% if case.compensationPoints > 0 %}We added {{ case.compensationPoints }} points to your account, and someone{% else %}Someone{% endif %} from our team will be in touch with you soon." },
            ],
            Transactional = true,
            ConversionWindowDays = 30,
        },
        ["replenishment"] = new()
        {
            Name = "Time to restock",
            Trigger = new() { Type = TriggerTypes.Replenishment, DaysBefore = Replenishment.DefaultDaysBefore },
            Steps =
            [
                Email("restock", "Running low on {{ replenishment.sku }}?",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    you bought {{ replenishment.sku }} on {{ replenishment.lastPurchasedOn }}; it usually lasts you about {{ replenishment.periodDays }} days, so you may run out around {{ replenishment.dueOn }}.

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            Exit = new() { OnPurchase = true },
            HoldoutPercent = 10,
            FrequencyCap = new() { Max = 2, PerDays = 7 },
            QuietHours = s_evenings,
            ConversionWindowDays = 10,
        },
        ["quarterly-value-report"] = new()
        {
            Name = "Your quarter with us",
            Trigger = new() { Type = TriggerTypes.ValueReport },
            Steps =
            [
                Email("report", "Your {{ report.period }} with us",
                    """
                    Hello {{ member.firstName | default: "there" }},

                    from {{ report.from }} to {{ report.to }} you made {{ report.purchases }} purchase{% if report.purchases != 1 %}s{% endif %} ({{ report.spent }} {{ report.currency }}), earned {{ report.pointsEarned }} points{% if report.walletEarned > 0 %} and {{ report.walletEarned }} {{ report.currency }} cashback{% endif %}, and used {{ report.rewardsUsed }} reward{% if report.rewardsUsed != 1 %}s{% endif %} ({{ report.pointsRedeemed }} points).
                    You have {{ balance.points }} points{% if tier.name %} and you are {{ tier.name }}{% endif %}.{% if report.tierProgress %} {{ report.tierProgress }}.{% endif %}

                    Unsubscribe: {{ unsubscribeUrl }}
                    """),
            ],
            HoldoutPercent = 10,
            QuietHours = s_evenings,
            ConversionWindowDays = 30,
        },
    };
}

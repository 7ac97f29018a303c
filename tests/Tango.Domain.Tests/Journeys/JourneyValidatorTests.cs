using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class JourneyValidatorTests
{
    private static readonly JourneyValidator.TemplateCheck s_anyTemplate = (_, _) => [];

    private static JourneyDefinition Valid => new()
    {
        Name = "Thanks",
        Trigger = new() { Type = TriggerTypes.Purchase },
        Steps = [new() { Id = "thanks", Type = StepTypes.Send, Channel = "inbox", Template = "Thank you" }],
    };

    [Fact]
    public void A_minimal_journey_is_valid() => Assert.Empty(JourneyValidator.Validate(Valid, s_anyTemplate));

    [Fact]
    public void Every_ready_made_journey_is_valid() =>
        Assert.All(ReadyMadeJourneys.All, j => Assert.Empty(JourneyValidator.Validate(j.Value, s_anyTemplate)));

    [Fact]
    public void A_branch_may_only_jump_forward_so_a_journey_always_ends()
    {
        var journey = Valid with
        {
            Steps =
            [
                new() { Id = "hello", Type = StepTypes.Send, Channel = "inbox", Template = "Hi" },
                new() { Id = "check", Type = StepTypes.Branch, If = new() { Purchased = true }, Then = "hello", Else = StepTypes.Exit },
            ],
        };

        var errors = JourneyValidator.Validate(journey, s_anyTemplate);

        Assert.Equal(["steps[1].then"], errors.Keys);
    }

    [Fact]
    public void Trigger_options_belong_to_their_trigger_and_a_cart_needs_its_delay()
    {
        var journey = Valid with { Trigger = new() { Type = TriggerTypes.CartAbandoned, PAliveBelow = 0.2, DaysBefore = 2 } };

        var errors = JourneyValidator.Validate(journey, s_anyTemplate);

        Assert.Equal(["trigger.daysBefore", "trigger.delay", "trigger.pAliveBelow"], errors.Keys.Order());
    }

    [Fact]
    public void Template_problems_are_reported_under_the_field_that_holds_the_template()
    {
        JourneyValidator.TemplateCheck check = (template, variables) =>
            template.Contains("order", StringComparison.Ordinal) && !variables.ContainsKey("order") ? ["Unknown variable 'order'."] : [];
        var journey = Valid with
        {
            Trigger = new() { Type = TriggerTypes.Birthday },
            Steps = [new() { Id = "wish", Type = StepTypes.Send, Channel = "email", Subject = "For order {{ order.id }}", Template = "Hi" }],
        };

        var errors = JourneyValidator.Validate(journey, check);

        Assert.Equal(["Unknown variable 'order'."], errors["steps[0].subject"]);
    }

    [Theory]
    [InlineData("never", null, "2026-01-01T00:00:00Z", false)]
    [InlineData("always", null, "2026-01-01T00:00:00Z", true)]
    [InlineData("after", 30, "2026-11-01T00:00:00Z", false)]
    [InlineData("after", 30, "2026-10-20T00:00:00Z", true)]
    public void Reentry_policies_decide_on_the_last_entry(string policy, int? afterDays, string lastEntered, bool allowed)
    {
        var spec = new ReentrySpec { Policy = policy, AfterDays = afterDays };
        var last = DateTimeOffset.Parse(lastEntered, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(allowed, ReentryPolicies.Allows(spec, last, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(ReentryPolicies.Allows(spec, null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Retries_double_up_to_their_ceiling()
    {
        var delays = Enumerable.Range(1, 6).Select(n => Backoff.After(n, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)).TotalSeconds);

        Assert.Equal([30, 60, 120, 240, 480, 600], delays);
    }

    [Fact]
    public void Entry_conditions_keep_out_members_without_the_evidence_asked_for()
    {
        var conditions = new EntryConditions { Segments = ["at-risk"], PAliveBelow = 0.5, Consent = "email" };

        Assert.Null(EntryRules.Refusal(conditions, new MemberFacts(null, true, "at-risk", 0.2, "lapsing")));
        Assert.Equal("segment", EntryRules.Refusal(conditions, new MemberFacts(null, true, null, 0.2, null)));
        Assert.Equal("p-alive", EntryRules.Refusal(conditions, new MemberFacts(null, true, "at-risk", null, null)));
        Assert.Equal("p-alive", EntryRules.Refusal(conditions, new MemberFacts(null, true, "at-risk", 0.7, null)));
        Assert.Equal("consent", EntryRules.Refusal(conditions, new MemberFacts(null, false, "at-risk", 0.2, null)));
    }
}

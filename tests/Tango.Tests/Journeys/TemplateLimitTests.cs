using System.Diagnostics;
using Tango.Domain.Journeys;
using Tango.Journeys.Templates;

namespace Tango.Tests.Journeys;

/// <summary>
/// A template is sandboxed: whatever it asks for, a render stops at 64 KiB of output or of any value it builds, at
/// 10,000 numbers in a range, at 100,000 steps and at one second, having spent little memory on the way.
/// </summary>
public sealed class TemplateLimitTests
{
    private static readonly IReadOnlyDictionary<string, TemplateSchema> s_purchase =
        TemplateVariables.ForStep(TriggerTypes.Find(TriggerTypes.Purchase)!, withSurvey: false);

    /// <summary>110 bytes that double a string 24 times: 168 million characters if nothing stops it.</summary>
    public const string Doubling =
        "{% assign s = \"0123456789\" %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s }}";

    public static TheoryData<string, string> Runaways => new()
    {
        { Doubling, TemplateRefusals.TooLarge },
        { "{% capture s %}0123456789{% endcapture %}{% for i in (1..24) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s.size }}", TemplateRefusals.TooLarge },
        { "{% assign s = \"xxxxxxxxxxxxxxxx\" %}{% for i in (1..4) %}{% assign s = s | replace: \"x\", s %}{% endfor %}{{ s.size }}", TemplateRefusals.TooLarge },
        { "{% assign a = \"x\" | split: \",\" %}{% for i in (1..30) %}{% assign a = a | concat: a %}{% endfor %}{{ a.size }}", TemplateRefusals.TooLarge },
        { "{% assign s = \"x\" %}{% for i in (1..8) %}{% assign s = s | append: s %}{% endfor %}{% assign a = s | split: \"\" %}{{ a | join: s }}", TemplateRefusals.TooLarge },
        { "{% for i in (1..100000000) %}{% endfor %}", TemplateRefusals.TooLarge },
        { "{{ \"2026-01-01\" | date: \"%999999999d\" }}", TemplateRefusals.TooLarge },
        { "{{ 1 | format_number: \"D999999999\" }}", TemplateRefusals.TooLarge },
        { "{{ \"{0,999999}\" | format_string: 1 }}", TemplateRefusals.TooLarge },
        { "{% for i in (1..10000) %}{% ifchanged %}{% for j in (1..10000) %}{{ i }}xxxxxxxxxx{% endfor %}{% endifchanged %}{% endfor %}", TemplateRefusals.TooLarge },
        { "{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}", TemplateRefusals.TooSlow },
    };

    [Theory]
    [MemberData(nameof(Runaways))]
    public async Task A_runaway_template_stops_at_its_limit_quickly_and_without_building_what_it_asked_for(string template, string reason)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.StartNew();

        var rendered = await LiquidTemplates.RenderAsync(template, new Dictionary<string, object?>());

        Assert.Null(rendered.Text);
        Assert.Equal(reason, rendered.Refusal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        // The render finishes on this thread (nothing in it waits), so this counts what it allocated.
        var spent = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(spent < 64L << 20, $"allocated {spent / (1 << 20)} MiB");
    }

    [Fact]
    public async Task A_template_that_loops_until_the_clock_runs_out_stops_after_about_a_second()
    {
        // Each turn does real work on a 64 KiB value, so the step limit is not what stops it.
        const string Template = """
            {% assign s = "0123456789abcdef" %}{% for i in (1..12) %}{% assign s = s | append: s %}{% endfor %}
            {% for i in (1..10000) %}{% for j in (1..9) %}{% assign t = s | upcase | downcase | upcase | downcase | upcase | downcase | upcase | downcase %}{% endfor %}{% endfor %}
            """;
        var started = Stopwatch.StartNew();

        var rendered = await LiquidTemplates.RenderAsync(Template, new Dictionary<string, object?>());

        Assert.Equal(TemplateRefusals.TooSlow, rendered.Refusal);
        Assert.InRange(started.Elapsed, TemplateLimits.MaxRenderTime, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_message_of_exactly_64_KiB_renders_and_one_byte_more_does_not()
    {
        var model = new Dictionary<string, object?> { ["text"] = new string('x', TemplateLimits.MaxMessageBytes - 1) };

        var fits = await LiquidTemplates.RenderAsync("{{ text }}.", model);
        var over = await LiquidTemplates.RenderAsync("{{ text }}.!", model);
        // Counted in UTF-8 bytes: a two-byte character at the end goes over too.
        var wide = await LiquidTemplates.RenderAsync("{{ text }}é", model);

        Assert.Equal(TemplateLimits.MaxMessageBytes, fits.Text?.Length);
        Assert.Equal(TemplateRefusals.TooLarge, over.Refusal);
        Assert.Equal(TemplateRefusals.TooLarge, wide.Refusal);
    }

    [Fact]
    public void The_doubling_template_is_refused_at_check_for_a_sample_member_and_an_ordinary_one_passes()
    {
        var problem = Assert.Single(LiquidTemplates.Check(Doubling, s_purchase));

        Assert.Contains("64 KiB", problem, StringComparison.Ordinal);
        Assert.Empty(LiquidTemplates.Check(
            "{% capture line %}{{ member.firstName }}{% endcapture %}{% for l in order.lines %}{% ifchanged %}{{ l.sku }}{% endifchanged %}{% endfor %}{% for i in (1..3) %}{{ line }}{% endfor %}",
            s_purchase));
    }

    [Fact]
    public async Task An_error_of_the_templates_own_making_is_a_refusal_not_an_exception()
    {
        var rendered = await LiquidTemplates.RenderAsync("{{ \"abc\" | replace: \"\", \"x\" }}", new Dictionary<string, object?>());

        Assert.Equal(TemplateRefusals.Failed, rendered.Refusal);
    }
}

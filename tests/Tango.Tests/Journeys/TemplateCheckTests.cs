using Tango.Domain.Journeys;
using Tango.Journeys.Templates;

namespace Tango.Tests.Journeys;

/// <summary>Templates are checked when saved, so a typo is a 422 then rather than a broken message later.</summary>
public sealed class TemplateCheckTests
{
    private static readonly IReadOnlyDictionary<string, TemplateSchema> s_purchase =
        TemplateVariables.ForStep(TriggerTypes.Find(TriggerTypes.Purchase)!, withSurvey: false);

    [Fact]
    public void A_template_reading_only_known_variables_passes_including_loop_variables_and_its_own_assignments()
    {
        const string Template = """
            {% assign greeting = "Hello" %}{{ greeting }} {{ member.firstName | default: "there" }},
            {% for line in order.lines limit: 3 %}{{ forloop.index }}. {{ line.sku | upcase }} x {{ line.quantity }}{% endfor %}
            {% if insights.pAlive < 0.5 and tier.name %}{{ tier.name }}{% endif %} {{ order.lines.size }} {{ markers.first.text }} {{ unsubscribeUrl }}
            """;

        Assert.Empty(LiquidTemplates.Check(Template, s_purchase));
    }

    [Theory]
    [InlineData("{{ order.totl }}", "Unknown variable 'order.totl'.")]
    [InlineData("{{ cart.total }}", "Unknown variable 'cart'.")]
    [InlineData("{% for line in order.lines %}{{ line.price }}{% endfor %}", "Unknown variable 'line.price'.")]
    [InlineData("{{ member.name | shout }}", "Unknown filter 'shout'.")]
    [InlineData("{% include 'footer' %}", "The include tag is not available: a message template stands alone.")]
    [InlineData("{{ survey.url }}", "Unknown variable 'survey'.")]
    public void A_template_reading_something_its_trigger_does_not_offer_is_refused(string template, string problem) =>
        Assert.Contains(problem, LiquidTemplates.Check(template, s_purchase));

    [Fact]
    public void A_template_that_does_not_parse_is_refused_with_the_parsers_reason() =>
        Assert.StartsWith("Does not parse as Liquid", Assert.Single(LiquidTemplates.Check("{{ member.name ", s_purchase)), StringComparison.Ordinal);

    [Fact]
    public void Every_ready_made_journeys_templates_pass_the_check() =>
        Assert.All(ReadyMadeJourneys.All, j => Assert.Empty(JourneyValidator.Validate(j.Value, LiquidTemplates.Check)));

    [Fact]
    public async Task Rendering_reads_nested_values_and_leaves_missing_ones_empty()
    {
        var model = new Dictionary<string, object?>
        {
            ["member"] = TemplateModel.Map(("firstName", "Ann"), ("name", null)),
            ["order"] = TemplateModel.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"id":"1001","lines":[{"sku":"beans","quantity":2}]}""")),
        };

        var rendered = await LiquidTemplates.RenderAsync("{{ member.firstName }} {{ member.name }}|{{ order.lines.first.sku }} x{{ order.lines.first.quantity }}", model);

        Assert.Equal("Ann |beans x2", rendered.Text);
    }
}

using Fluid;
using Tango.Domain.Journeys;

namespace Tango.Journeys.Templates;

/// <summary>
/// Message templates in Liquid (Fluid). A template is checked when it is saved: it must parse, use only known
/// filters and tags, and read only variables the journey's trigger provides, so a typo fails the PUT with a
/// 422 instead of failing a send weeks later. Rendering is plain text (no HTML escaping).
/// </summary>
public static class LiquidTemplates
{
    private static readonly FluidParser s_parser = new();

    private static readonly TemplateOptions s_options = CreateOptions();

    /// <summary>The problems found in a template; empty when it may be saved.</summary>
    public static IReadOnlyList<string> Check(string source, IReadOnlyDictionary<string, TemplateSchema> variables)
    {
        if (!s_parser.TryParse(source, out var template, out var error))
        {
            return [$"Does not parse as Liquid: {FirstLine(error)}"];
        }
        var checker = new VariableChecker(variables, s_options.Filters);
        checker.VisitTemplate(template);
        return checker.Problems;
    }

    public static async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> model)
    {
        var template = s_parser.Parse(source);
        var context = new TemplateContext(model, s_options);
        return await template.RenderAsync(context, NullEncoder.Default);
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = 100_000 };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.CamelCase;
        return options;
    }

    private static string FirstLine(string? text) => (text ?? "syntax error").Split('\n')[0].Trim();
}

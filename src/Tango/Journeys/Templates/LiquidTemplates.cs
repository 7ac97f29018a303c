using System.Text;
using Fluid;
using Fluid.Values;
using Tango.Domain.Journeys;

namespace Tango.Journeys.Templates;

/// <summary>
/// Message templates in Liquid (Fluid). A template is checked when it is saved: it must parse, use only known
/// filters and tags, read only variables the journey's trigger provides, and render within
/// <see cref="TemplateLimits"/> for a sample member, so a typo or a runaway loop fails the PUT with a 422 instead
/// of failing a send weeks later. Every render is sandboxed by the same limits; one that goes past them gives no
/// text and says why. Rendering is plain text (no HTML escaping).
/// </summary>
public static class LiquidTemplates
{
    private static readonly FluidParser s_parser = new();

    private static readonly TemplateOptions s_options = CreateOptions();

    /// <summary>The problems found in a template; empty when it may be saved.</summary>
    public static IReadOnlyList<string> Check(string source, IReadOnlyDictionary<string, TemplateSchema> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (!s_parser.TryParse(source, out var template, out var error))
        {
            return [$"Does not parse as Liquid: {FirstLine(error)}"];
        }
        var checker = new VariableChecker(variables, s_options.Filters);
        checker.VisitTemplate(template);
        if (checker.Problems.Count > 0)
        {
            return checker.Problems;
        }
        var sample = RenderSample(template, SampleModel.For(variables));
        return sample.Refusal is null
            ? []
            : [$"For a sample member this template {sample.Detail}; a message may be at most {TemplateLimits.MaxMessageBytes / 1024} KiB, "
                + $"rendered within {TemplateLimits.MaxRenderTime.TotalSeconds:0} s."];
    }

    public static async Task<Rendered> RenderAsync(string source, IReadOnlyDictionary<string, object?> model)
    {
        if (!s_parser.TryParse(source, out var template, out var error))
        {
            return Rendered.Refused(TemplateRefusals.Failed, $"does not parse as Liquid: {FirstLine(error)}");
        }
        var (context, writer) = Prepare(model);
        try
        {
            await BoundedBlocks.Apply(template).RenderAsync(writer, NullEncoder.Default, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Refusal(ex);
        }
        return Finish(writer);
    }

    /// <summary>
    /// The check's render, synchronous because the validators that call it are: the sample is made of plain values
    /// and nothing in a message template waits on I/O, so the render has finished when RenderAsync returns.
    /// </summary>
    private static Rendered RenderSample(IFluidTemplate template, IReadOnlyDictionary<string, object?> model)
    {
        var (context, writer) = Prepare(model);
        try
        {
            var rendering = BoundedBlocks.Apply(template).RenderAsync(writer, NullEncoder.Default, context);
            if (!rendering.IsCompleted)
            {
                return Rendered.Refused(TemplateRefusals.Failed, "could not be rendered in advance");
            }
            rendering.GetAwaiter().GetResult(); // completed: this only rethrows what stopped it
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Refusal(ex);
        }
        return Finish(writer);
    }

    private static (TemplateContext Context, BoundedWriter Writer) Prepare(IReadOnlyDictionary<string, object?> model)
    {
        var budget = new RenderBudget();
        var context = new TemplateContext(model, s_options);
        budget.AttachTo(context);
        return (context, new BoundedWriter(budget));
    }

    private static Rendered Finish(BoundedWriter writer)
    {
        var text = writer.ToString();
        return Encoding.UTF8.GetByteCount(text) > TemplateLimits.MaxMessageBytes
            ? Rendered.Refused(TemplateRefusals.TooLarge, "renders more than 64 KiB")
            : Rendered.Ok(text);
    }

    /// <summary>
    /// A tenant's template must never fail the write it renders in, so whatever stops a render becomes a refusal:
    /// the sandbox's limits, Fluid's step and nesting limits, and errors of the template's own making (a bad format).
    /// </summary>
    private static Rendered Refusal(Exception ex) => ex switch
    {
        TemplateLimitException limit => Rendered.Refused(limit.Reason, limit.Message),
        InvalidOperationException when ex.Message.StartsWith("The maximum", StringComparison.Ordinal) =>
            Rendered.Refused(TemplateRefusals.TooSlow, $"takes more than {TemplateLimits.MaxSteps} steps or nests too deep"),
        _ => Rendered.Refused(TemplateRefusals.Failed, $"fails to render: {FirstLine(ex.Message)}"),
    };

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = TemplateLimits.MaxSteps, MaxRecursion = TemplateLimits.MaxRecursion };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.CamelCase;
        FilterGuards.GuardAll(options.Filters);
        options.Assigned = (_, value, context) =>
        {
            RenderBudget.Of(context).CheckTime();
            RenderBudget.CheckSize(value, context);
            return new ValueTask<FluidValue>(value);
        };
        return options;
    }

    private static string FirstLine(string? text) => (text ?? "syntax error").Split('\n')[0].Trim();
}

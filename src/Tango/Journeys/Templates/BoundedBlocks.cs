using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Tango.Journeys.Templates;

/// <summary>
/// Rewrites a parsed template so that the tags which build text or lists out of sight of the output write into
/// bounded buffers: capture and ifchanged render into a <see cref="BoundedWriter"/>, and a range such as (1..n)
/// refuses to list more than <see cref="TemplateLimits.MaxRangeItems"/> numbers before it allocates them.
/// </summary>
internal sealed class BoundedBlocks : AstRewriter
{
    public static IFluidTemplate Apply(IFluidTemplate template) => new BoundedBlocks().VisitTemplate(template);

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        var visited = (CaptureStatement)base.VisitCaptureStatement(captureStatement);
        return new BoundedCapture(visited.Identifier, visited.Statements);
    }

    protected override Statement VisitIfChangedStatement(IfChangedStatement ifChangedStatement)
    {
        var visited = (IfChangedStatement)base.VisitIfChangedStatement(ifChangedStatement);
        return new BoundedIfChanged(visited.Statements);
    }

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        var visited = (RangeExpression)base.VisitRangeExpression(rangeExpression);
        return new BoundedRange(visited.From, visited.To);
    }

    private static async ValueTask<(string Text, Completion Completion)> RenderAsync(IReadOnlyList<Statement> statements, TextEncoder encoder,
        TemplateContext context)
    {
        using var buffer = new BoundedWriter(RenderBudget.Of(context));
        var completion = Completion.Normal;
        foreach (var statement in statements)
        {
            completion = await statement.WriteToAsync(buffer, encoder, context);
            if (completion != Completion.Normal)
            {
                break; // break or continue: handed on to the enclosing loop, as Liquid does
            }
        }
        return (buffer.ToString(), completion);
    }

    private sealed class BoundedCapture(string identifier, IReadOnlyList<Statement> statements) : Statement
    {
        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            var (text, completion) = await RenderAsync(statements, encoder, context);
            FluidValue result = new StringValue(text, false);
            if (context.Captured is { } captured)
            {
                result = await captured(identifier, result, context);
            }
            context.SetValue(identifier, result);
            return completion;
        }
    }

    private sealed class BoundedIfChanged(IReadOnlyList<Statement> statements) : Statement
    {
        private const string LastKey = "tango:ifchanged";

        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            context.IncrementSteps();
            var (text, completion) = await RenderAsync(statements, encoder, context);
            if (!context.AmbientValues.TryGetValue(LastKey, out var last) || !string.Equals(last as string, text, StringComparison.Ordinal))
            {
                context.AmbientValues[LastKey] = text;
                await writer.WriteAsync(text);
            }
            return completion;
        }
    }

    private sealed class BoundedRange(Expression from, Expression to) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = Convert.ToInt32((await from.EvaluateAsync(context)).ToNumberValue());
            var end = Convert.ToInt32((await to.EvaluateAsync(context)).ToNumberValue());
            var count = Math.Max(0L, (long)end - start + 1);
            if (count > TemplateLimits.MaxRangeItems)
            {
                throw RenderBudget.TooLarge($"walks a range of more than {TemplateLimits.MaxRangeItems} numbers");
            }
            var numbers = new FluidValue[count];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = NumberValue.Create(start + i);
            }
            return new ArrayValue(numbers);
        }
    }
}

using System.Diagnostics;
using Fluid;
using Fluid.Values;

namespace Tango.Journeys.Templates;

/// <summary>One render's allowance: its start time and the checks every guarded step makes against <see cref="TemplateLimits"/>.</summary>
internal sealed class RenderBudget
{
    private const string Key = "tango:render-budget";

    private readonly long _started = Stopwatch.GetTimestamp();

    public void AttachTo(TemplateContext context) => context.AmbientValues[Key] = this;

    public static RenderBudget Of(TemplateContext context) =>
        context.AmbientValues.TryGetValue(Key, out var budget) && budget is RenderBudget b
            ? b
            : throw new InvalidOperationException("A template rendered without its budget.");

    public void CheckTime()
    {
        if (Stopwatch.GetElapsedTime(_started) > TemplateLimits.MaxRenderTime)
        {
            throw new TemplateLimitException(TemplateRefusals.TooSlow,
                $"takes more than {TemplateLimits.MaxRenderTime.TotalSeconds:0} s to render");
        }
    }

    /// <summary>Stops the render when a value it made is larger than any message could hold.</summary>
    public static void CheckSize(FluidValue value, TemplateContext context)
    {
        if (SizeOf(value, context, TemplateLimits.MaxValueSize) > TemplateLimits.MaxValueSize)
        {
            throw TooLarge("builds a value larger than 64 KiB");
        }
    }

    /// <summary>Characters of the strings plus items of the lists and dictionaries in a value; counting stops past <paramref name="limit"/>.</summary>
    public static long SizeOf(FluidValue value, TemplateContext context, long limit)
    {
        switch (value)
        {
            case StringValue s:
                return s.ToStringValue().Length;
            case ArrayValue or DictionaryValue:
                long size = 0;
                foreach (var item in value.Enumerate(context))
                {
                    size += 1 + SizeOf(item, context, limit - size);
                    if (size > limit)
                    {
                        break;
                    }
                }
                return size;
            default:
                return 1;
        }
    }

    public static TemplateLimitException TooLarge(string what) => new(TemplateRefusals.TooLarge, what);
}

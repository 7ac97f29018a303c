using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Tango.Journeys.Templates;

/// <summary>
/// Every filter runs behind a guard: the render's clock is looked at first, the filters whose output can grow much
/// faster than their input (replace, join, and formats with a width) are sized before they run, and what any filter
/// answers is sized after. So a template can double a string until it is too large, but not past that.
/// </summary>
internal static partial class FilterGuards
{
    public static void GuardAll(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            filters.AddFilter(name, Guard(name, filter));
        }
    }

    private static FilterDelegate Guard(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        RenderBudget.Of(context).CheckTime();
        CheckGrowth(name, input, arguments, context);
        var result = await filter(input, arguments, context);
        RenderBudget.CheckSize(result, context);
        return result;
    };

    private static void CheckGrowth(string name, FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var estimate = name switch
        {
            "replace" or "replace_first" or "replace_last" => ReplacedSize(name, input.ToStringValue(), arguments),
            "join" => JoinedSize(input, arguments, context),
            "format_string" => FormattedSize(input.ToStringValue(), arguments),
            "format_number" => Width(WidthInFormat(), arguments.At(0).ToStringValue()),
            "date" => Width(WidthInStrftime(), arguments.At(0).ToStringValue()),
            _ => 0,
        };
        if (estimate > TemplateLimits.MaxValueSize)
        {
            throw RenderBudget.TooLarge($"would build a value larger than 64 KiB with {name}");
        }
    }

    private static long ReplacedSize(string name, string text, FilterArguments arguments)
    {
        var pattern = arguments.At(0).ToStringValue();
        var replacement = arguments.At(1).ToStringValue();
        if (pattern.Length == 0 || replacement.Length <= pattern.Length)
        {
            return text.Length;
        }
        long times = 0;
        for (var at = text.IndexOf(pattern, StringComparison.Ordinal); at >= 0; at = text.IndexOf(pattern, at + pattern.Length, StringComparison.Ordinal))
        {
            times++;
            if (name != "replace")
            {
                break;
            }
        }
        return text.Length + times * (replacement.Length - pattern.Length);
    }

    private static long JoinedSize(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var separator = arguments.Count > 0 ? arguments.At(0).ToStringValue().Length : 1;
        long size = 0;
        foreach (var item in input.Enumerate(context))
        {
            size += separator + RenderBudget.SizeOf(item, context, TemplateLimits.MaxValueSize);
            if (size > TemplateLimits.MaxValueSize)
            {
                break;
            }
        }
        return size;
    }

    /// <summary>Each placeholder may print any argument, so the longest argument counts once per placeholder.</summary>
    private static long FormattedSize(string format, FilterArguments arguments)
    {
        if (Width(WidthInPlaceholder(), format) > TemplateLimits.MaxValueSize)
        {
            return long.MaxValue;
        }
        var longest = Enumerable.Range(0, arguments.Count).Select(i => (long)arguments.At(i).ToStringValue().Length).DefaultIfEmpty(0).Max();
        return format.Length + format.Count(c => c == '{') * longest;
    }

    /// <summary>A format asking for a width or precision of 100 or more could print millions of characters from a few.</summary>
    private static long Width(Regex wide, string format) => wide.IsMatch(format) ? long.MaxValue : 0;

    [GeneratedRegex(@"[1-9]\d{2,}")]
    private static partial Regex WidthInFormat();

    [GeneratedRegex(@"%[-_^:#0]*[1-9]\d{2,}")]
    private static partial Regex WidthInStrftime();

    [GeneratedRegex(@"\{[^}]*[1-9]\d{2,}[^}]*\}")]
    private static partial Regex WidthInPlaceholder();
}

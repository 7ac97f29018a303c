using System.Text.Json;
using Tango.Domain.Service;
using Tango.Hosting;

namespace Tango.Service;

/// <summary>Field rules shared by the ticket, survey and recovery endpoints.</summary>
internal static class ServiceInput
{
    public const int MaxComment = 2000;

    public static void MemberId(Errors errors, string? memberId)
    {
        if (memberId is null)
        {
            errors.Add("memberId", "Required.");
        }
        else if (!Validate.IsId(memberId))
        {
            errors.Add("memberId", Validate.IdRule);
        }
    }

    /// <summary>The order the shop numbered (optional), as it is kept: trimmed.</summary>
    public static string? OrderId(Errors errors, string? orderId) => Validate.ShopId(errors, "orderId", orderId, required: false);

    /// <summary>An enum by its lower-case API name; null (and the field named) when missing or unknown.</summary>
    public static T? Enum<T>(Errors errors, string field, string? text, bool required) where T : struct, System.Enum
    {
        if (text is null)
        {
            if (required)
            {
                errors.Add(field, $"Required: one of {ServiceNames.List<T>()}.");
            }
            return null;
        }
        if (ServiceNames.TryParse<T>(text, out var value))
        {
            return value;
        }
        errors.Add(field, $"Must be one of {ServiceNames.List<T>()}.");
        return null;
    }

    /// <summary>A string member of a merge patch; null is refused (these fields cannot be cleared).</summary>
    public static string? Text(Errors errors, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        errors.Add(field, "Expected a string.");
        return null;
    }

    /// <summary>Trimmed; blank is no comment.</summary>
    public static string? Comment(Errors errors, string? comment)
    {
        var trimmed = comment?.Trim();
        if (trimmed is { Length: > MaxComment })
        {
            errors.Add("comment", $"At most {MaxComment} characters.");
        }
        FreeText(errors, "comment", trimmed);
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Text people typed: line breaks and tabs are fine, other control characters (NUL above all, which PostgreSQL cannot store) are not.</summary>
    public static void FreeText(Errors errors, string field, string? text)
    {
        if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, "Must not contain control characters other than line breaks and tabs.");
        }
    }
}

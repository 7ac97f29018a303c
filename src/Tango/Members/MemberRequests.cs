using System.Text.Json;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Members;

namespace Tango.Members;

public sealed record ConsentInput(bool? Email, bool? Sms);

/// <param name="PaymentFingerprint">Optional: the payment provider's card fingerprint, kept hashed for the self-referral check.</param>
public sealed record CreateMemberRequest(
    string? Id, string? Email, string? Phone, string? Name, string? BirthDate, string? TimeZone, string? Locale,
    string? ReferredByCode, ConsentInput? Consent, string? PaymentFingerprint = null);

public sealed record MarkerRequest(string? Text, string? Kind, string? RemindOn);

/// <summary>Validation of member input: every broken field is named in one answer.</summary>
public static class MemberRequests
{
    /// <param name="errors">What reading the body found; the problem names that and everything found here.</param>
    public static (NewMember? Member, StoredResponse? Problem) Validate(CreateMemberRequest r, DateOnly today, Errors errors)
    {
        if (r.Id is null)
        {
            errors.Add("id", "Required.");
        }
        else if (!Hosting.Validate.IsId(r.Id))
        {
            errors.Add("id", Hosting.Validate.IdRule);
        }
        CheckPersonal(errors, r.Email, r.Phone, r.Name, r.BirthDate, r.TimeZone, r.Locale, today);
        if (r.ReferredByCode is { Length: 0 or > 64 })
        {
            errors.Add("referredByCode", "Must be 1-64 characters.");
        }
        if (r.PaymentFingerprint is { } card && !Referrals.PaymentFingerprints.IsValid(card))
        {
            errors.Add("paymentFingerprint", Referrals.PaymentFingerprints.Rule);
        }
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        return (new NewMember(r.Id!, r.Email, r.Phone, r.Name, r.BirthDate, r.TimeZone, r.Locale, r.ReferredByCode,
            new Consent(r.Consent?.Email ?? false, r.Consent?.Sms ?? false), r.PaymentFingerprint), null);
    }

    private static readonly Dictionary<string, string> s_patchColumns = new(StringComparer.Ordinal)
    {
        ["email"] = "email",
        ["phone"] = "phone",
        ["name"] = "name",
        ["birthDate"] = "birth_date",
        ["timeZone"] = "time_zone",
        ["locale"] = "locale",
    };

    /// <summary>JSON merge patch (RFC 7396): present fields replace, null clears, absent fields stay.</summary>
    public static (MemberPatch? Patch, StoredResponse? Problem) ValidatePatch(JsonElement body, string memberId, DateOnly today, Errors errors)
    {
        var set = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors.Add("body", "A JSON object is required.").ToProblem());
        }
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (name == "id")
            {
                if (value.ValueKind != JsonValueKind.String || value.GetString() != memberId)
                {
                    errors.Add("id", "The id of a member cannot change.");
                }
            }
            else if (name == "consent")
            {
                ReadConsent(value, set, errors);
            }
            else if (s_patchColumns.TryGetValue(name, out var column))
            {
                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    errors.Unreadable(name, "Expected a string or null.");
                    continue;
                }
                set[column] = value.ValueKind == JsonValueKind.Null ? null : value.GetString();
            }
            else
            {
                errors.Unreadable(name, $"Unknown field '{name}'.");
            }
        }
        string? Get(string column) => set.TryGetValue(column, out var v) ? v as string : null;
        CheckPersonal(errors, Get("email"), Get("phone"), Get("name"), Get("birth_date"), Get("time_zone"), Get("locale"), today);
        return errors.Any ? (null, errors.ToProblem()) : (new MemberPatch(set), null);
    }

    private static void ReadConsent(JsonElement value, Dictionary<string, object?> set, Errors errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Unreadable("consent", "Expected an object {email, sms}.");
            return;
        }
        foreach (var c in value.EnumerateObject())
        {
            if (c.Name is not ("email" or "sms"))
            {
                errors.Unreadable($"consent.{c.Name}", $"Unknown field '{c.Name}'.");
            }
            else if (c.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Unreadable($"consent.{c.Name}", "Expected true or false.");
            }
            else
            {
                set["consent_" + c.Name] = c.Value.GetBoolean();
            }
        }
    }

    private static void CheckPersonal(Errors errors, string? email, string? phone, string? name, string? birthDate,
        string? timeZone, string? locale, DateOnly today)
    {
        if (email is not null && !Hosting.Validate.IsEmail(email))
        {
            errors.Add("email", "Not an email address.");
        }
        if (phone is not null && (phone.Length is < 3 or > 32 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
        {
            errors.Add("phone", "Must be 3-32 characters of digits, spaces, + - ( ).");
        }
        if (name is { Length: > 200 })
        {
            errors.Add("name", "At most 200 characters.");
        }
        if (birthDate is not null && (!Hosting.Validate.IsDate(birthDate) || DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture) > today))
        {
            errors.Add("birthDate", "Must be a past date YYYY-MM-DD.");
        }
        if (timeZone is not null && !Hosting.Validate.IsTimeZone(timeZone))
        {
            errors.Add("timeZone", "Not an IANA time zone such as Europe/Berlin.");
        }
        if (locale is not null && (locale.Length is < 2 or > 35 || !locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("locale", "Not a language tag such as en-GB.");
        }
    }

    public static StoredResponse? ValidateMarker(MarkerRequest r, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > 500)
        {
            errors.Add("text", "Required, at most 500 characters.");
        }
        if (r.Kind is { Length: 0 or > 40 })
        {
            errors.Add("kind", "1-40 characters.");
        }
        if (r.RemindOn is not null && !Hosting.Validate.IsDate(r.RemindOn))
        {
            errors.Add("remindOn", "A date YYYY-MM-DD.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }
}

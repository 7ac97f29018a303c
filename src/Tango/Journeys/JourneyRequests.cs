using System.Text.RegularExpressions;
using Tango.Domain.Journeys;
using Tango.Hosting;
using Tango.Journeys.Templates;
using Tango.Store.Idempotency;

namespace Tango.Journeys;

public sealed record JourneySettingsRequest(decimal? GlobalControlPercent);

/// <summary>Reads and checks journey input: the definition's structure, then every template against its trigger's variables.</summary>
public static partial class JourneyRequests
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();

    public const string KeyRule = "1-64 of a-z 0-9 _ -, starting with a letter or digit.";

    /// <summary>Keys that name a route of their own.</summary>
    private static readonly string[] s_reserved = ["ready-made"];

    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key) && !s_reserved.Contains(key);

    public static (JourneyDefinition? Definition, StoredResponse? Problem) Read(byte[] body, string key)
    {
        var (definition, errors, invalid) = JsonInput.Read<JourneyDefinition>(body, options: JourneyJson.Options);
        if (invalid is not null)
        {
            return (null, invalid);
        }
        if (!IsKey(key))
        {
            errors.Add("key", KeyRule + " 'ready-made' is reserved.");
        }
        foreach (var (field, messages) in JourneyValidator.Validate(definition!, LiquidTemplates.Check))
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }
        return errors.Any ? (null, errors.ToProblem()) : (definition, null);
    }

    public static (decimal? Percent, StoredResponse? Problem) Read(JourneySettingsRequest request, Errors errors)
    {
        if (request.GlobalControlPercent is not { } percent || percent < 0 || percent > JourneyValidator.MaxHoldoutPercent
            || decimal.Round(percent, 2) != percent)
        {
            errors.Add("globalControlPercent", $"Required: from 0 to {JourneyValidator.MaxHoldoutPercent}, with at most two decimals.");
        }
        return errors.Any ? (null, errors.ToProblem()) : (request.GlobalControlPercent, null);
    }
}

using Tango.Domain.Insiders;
using Tango.Domain.Journeys;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Insiders;

namespace Tango.Insiders;

public sealed record PutInsiderGroupRequest(string? Name, string? Description, string? Status);

public sealed record InviteInsidersRequest(IReadOnlyList<string>? MemberIds, IReadOnlyList<string>? Tiers, IReadOnlyList<string>? Segments);

public sealed record InsiderFeedbackRequest(string? MemberId, string? Text, int? Rating);

/// <summary>Field rules of the insider endpoints: every broken field is named in one 422, and nothing is written.</summary>
internal static class InsiderRequests
{
    public const int MaxInvitedByHand = 10_000;

    public static (InsiderGroupInput? Input, StoredResponse? Problem) Validate(PutInsiderGroupRequest request, Errors errors)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add("name", "Required, 1 to 200 characters.");
        }
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "At most 2,000 characters.");
        }
        if (request.Status is not (null or "open" or "closed"))
        {
            errors.Add("status", "open or closed.");
        }
        return errors.Any ? (null, errors.ToProblem()) : (new InsiderGroupInput(name!, request.Description, request.Status ?? "open"), null);
    }

    public static (InsiderAudience? Audience, StoredResponse? Problem) Validate(InviteInsidersRequest request, ProgramDocument program, Errors errors)
    {
        var (ids, tiers, segments) = (request.MemberIds ?? [], request.Tiers ?? [], request.Segments ?? []);
        if (ids.Count + tiers.Count + segments.Count == 0)
        {
            errors.Add("memberIds", "Name members, tiers or segments to invite.");
        }
        if (ids.Count > MaxInvitedByHand)
        {
            errors.Add("memberIds", $"At most {MaxInvitedByHand:N0} members at once.");
        }
        for (var i = 0; i < ids.Count && i < MaxInvitedByHand; i++)
        {
            if (!Hosting.Validate.IsId(ids[i]))
            {
                errors.Add($"memberIds[{i}]", Hosting.Validate.IdRule);
            }
        }
        var tierIds = program.Tiers?.Select(t => t.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < tiers.Count; i++)
        {
            if (!tierIds.Contains(tiers[i]))
            {
                errors.Add($"tiers[{i}]", tierIds.Count == 0 ? "The program has no tiers." : $"Not a tier of the program ({string.Join(", ", tierIds)}).");
            }
        }
        for (var i = 0; i < segments.Count; i++)
        {
            if (!TriggerTypes.Segments.Contains(segments[i]))
            {
                errors.Add($"segments[{i}]", $"Not an RFM segment ({string.Join(", ", TriggerTypes.Segments)}).");
            }
        }
        var baseTier = TierQualification.For(program, 0, 0, 0)?.Id;
        return errors.Any ? (null, errors.ToProblem())
            : (new InsiderAudience(ids.Distinct(StringComparer.Ordinal).ToList(), tiers.Distinct(StringComparer.Ordinal).ToList(),
                segments.Distinct(StringComparer.Ordinal).ToList(), baseTier), null);
    }

    public static StoredResponse? Validate(InsiderFeedbackRequest request, Errors errors)
    {
        if (!Hosting.Validate.IsId(request.MemberId))
        {
            errors.Add("memberId", Hosting.Validate.IdRule);
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > InsiderAnswers.MaxFeedbackLength)
        {
            errors.Add("text", $"Required, 1 to {InsiderAnswers.MaxFeedbackLength:N0} characters.");
        }
        if (request.Rating is { } r && r is < 1 or > 5)
        {
            errors.Add("rating", "A whole number from 1 to 5.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }
}

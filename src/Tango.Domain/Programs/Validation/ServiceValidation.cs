using Tango.Domain.Service;

namespace Tango.Domain.Programs;

internal static class ServiceValidation
{
    public static void Check(ServicePolicy? service, ValidationErrors errors)
    {
        if (service is null)
        {
            return;
        }

        if (service.Sla is { } sla)
        {
            foreach (var priority in Enum.GetValues<TicketPriority>())
            {
                CheckTarget($"service.sla.{ServiceNames.Name(priority)}", priority, SlaTargets.Override(sla, priority), errors);
            }
        }

        if (service.Recovery is { } recovery)
        {
            errors.Range("service.recovery.compensationPoints", recovery.CompensationPoints, 0, 1_000_000_000);
            errors.Range("service.recovery.maxPointsPerMemberPerMonth", recovery.MaxPointsPerMemberPerMonth, 0, 1_000_000_000);
        }

        errors.Range("service.surveys.invitationValidDays", service.Surveys?.InvitationValidDays, 1, 365);
    }

    private static void CheckTarget(string path, TicketPriority priority, SlaTargetPolicy? target, ValidationErrors errors)
    {
        if (target is null)
        {
            return;
        }

        var firstOk = Duration($"{path}.firstResponse", target.FirstResponse, errors);
        var resolutionOk = Duration($"{path}.resolution", target.Resolution, errors);
        // Compared after the defaults fill in what the document leaves out.
        var merged = SlaTargets.Merge(SlaTargets.Default.For(priority), target);
        if (firstOk && resolutionOk && merged.Resolution < merged.FirstResponse)
        {
            errors.Add($"{path}.resolution", $"must not be shorter than the first response target ({IsoDuration.Format(merged.FirstResponse)}).");
        }
    }

    private static bool Duration(string path, string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return true;
        }

        if (!IsoDuration.TryParse(value, out var duration) || duration <= TimeSpan.Zero)
        {
            errors.Add(path, "must be a positive ISO-8601 duration such as PT30M, PT8H or P2D (weeks, days, hours, minutes, seconds; at most 3660 days).");
            return false;
        }

        return true;
    }
}

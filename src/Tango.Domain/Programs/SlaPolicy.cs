namespace Tango.Domain.Programs;

/// <summary>Overrides of the default SLA targets, per ticket priority.</summary>
public sealed record SlaPolicy
{
    public SlaTargetPolicy? Low { get; init; }

    public SlaTargetPolicy? Normal { get; init; }

    public SlaTargetPolicy? High { get; init; }

    public SlaTargetPolicy? Urgent { get; init; }
}

/// <summary>ISO-8601 durations from a ticket's creation, e.g. "PT30M"; a target left out keeps its default.</summary>
public sealed record SlaTargetPolicy
{
    public string? FirstResponse { get; init; }

    public string? Resolution { get; init; }
}

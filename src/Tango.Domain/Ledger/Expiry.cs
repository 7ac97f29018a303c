using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

public static class Expiry
{
    /// <summary>When points earned at <paramref name="earnedAt"/> expire; null when the program has no expiry.</summary>
    public static DateTimeOffset? ExpiresAt(ProgramDocument program, DateTimeOffset earnedAt)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Expiry is { } expiry ? earnedAt.AddMonths(expiry.Months) : null;
    }
}

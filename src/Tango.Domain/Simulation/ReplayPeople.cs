using Tango.Domain.Purchases;

namespace Tango.Domain.Simulation;

/// <summary>A referral as the replay is given it: who referred whom, and when the friend signed up with the code.</summary>
public sealed record ReplayReferral(string FriendId, string ReferrerId, DateTimeOffset AttributedAt);

/// <summary>A member's contacts, for the self-referral check.</summary>
public sealed record ReplayContact(string MemberId, string? Email, string? Phone);

/// <summary>
/// What the purchase history alone does not say but the referral rules need: the sign-ups with a code and the contacts of
/// the members on either side. With it the replay settles and reverses referrals as the write path does.
/// </summary>
public sealed class ReplayPeople
{
    private readonly Dictionary<string, ReplayReferral> _referrals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplayContact> _contacts = new(StringComparer.Ordinal);

    public ReplayPeople(IEnumerable<ReplayReferral> referrals, IEnumerable<ReplayContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(contacts);
        foreach (var referral in referrals)
        {
            _referrals[referral.FriendId] = referral;
        }
        foreach (var contact in contacts)
        {
            _contacts[contact.MemberId] = contact;
        }
    }

    public static ReplayPeople None { get; } = new([], []);

    /// <summary>A member as the replay starts it: its contacts and, for a referred friend, its referral pending.</summary>
    internal MemberState Start(string memberId)
    {
        var contact = _contacts.GetValueOrDefault(memberId);
        var state = new MemberState(memberId) { Enrolled = true, Email = contact?.Email, Phone = contact?.Phone };
        return _referrals.TryGetValue(memberId, out var referral)
            ? state with { Referral = new PendingReferral(referral.ReferrerId, referral.AttributedAt, contact?.Email, contact?.Phone) }
            : state;
    }
}

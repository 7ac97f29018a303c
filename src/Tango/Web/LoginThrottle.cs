using Tango.Hosting;
using Tango.Store.Staff;

namespace Tango.Web;

/// <summary>
/// Slows down password guessing on the dashboard login, per account and per client address: an account may have
/// <see cref="AccountLimit"/> attempts without success within <see cref="Window"/>, an address
/// <see cref="AddressLimit"/> failed ones (across accounts and tenants, so one address cannot lock out a colleague
/// on another account with a few typos, but cannot try many accounts either). Attempts are counted in the store
/// before the password is checked (<see cref="LoginAttempts"/>), so parallel attempts and other nodes count too.
/// The address is the client's, after any trusted proxy (see <see cref="TrustedProxies"/>).
/// </summary>
public sealed class LoginThrottle(LoginAttempts attempts)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static string Account(string tenant, string email) => $"account:{tenant}/{StaffUsers.Normalize(email)}";

    public static string Address(HttpContext context) => "address:" + ClientAddress.Of(context);

    /// <summary>Counts this attempt; answers how long to wait when it may not be made, else null.</summary>
    public Task<TimeSpan?> BeginAsync(string account, string address, CancellationToken ct) =>
        attempts.BeginAsync([new AttemptSubject(account, AccountLimit), new AttemptSubject(address, AddressLimit)], Window, ct);

    public Task SucceededAsync(string account, string address, CancellationToken ct) => attempts.SucceededAsync(account, address, ct);
}

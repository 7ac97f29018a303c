using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tango.Hosting.Options;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Requests per second per API key (a token bucket: a full second's worth may come at once). Requests
/// without a valid key are limited per client address at the same rate. Over the limit: 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddTangoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTangoOptions<RateLimitOptions>(configuration, RateLimitOptions.Problems);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitOptions>((options, limit) =>
        {
            var perSecond = limit.PerSecond;
            options.OnRejected = RejectAsync;
            if (perSecond > 0)
            {
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartition.GetTokenBucketLimiter(Partition(context), _ => Bucket(perSecond)));
            }
        });
        return services;
    }

    /// <summary>
    /// A key's budget follows the key itself (its id), not the header's spelling: extra spaces after "Bearer" are
    /// the same key and the same budget.
    /// </summary>
    private static string Partition(HttpContext context) =>
        context.User.FindFirst(Auth.ApiKeyAuthentication.KeyClaim)?.Value is { } keyId
            ? "key:" + keyId
            : "addr:" + ClientAddress.Of(context);

    private static TokenBucketRateLimiterOptions Bucket(int perSecond)
    {
        // Refill in tenths of a second where the rate allows it, so a client is not held for a whole second.
        var tenths = perSecond >= 10;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = tenths ? perSecond / 10 : perSecond,
            ReplenishmentPeriod = tenths ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await new StoredResponseResult(Responses.Problem(429, "rate-limited", "Too many requests",
            $"This API key sent more than its limit of requests per second. Try again in {seconds} s.")).ExecuteAsync(rejected.HttpContext);
    }
}

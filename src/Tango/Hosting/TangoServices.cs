using Tango.Hosting.Options;
using Tango.Operations;
using Tango.Store.Analytics;
using Tango.Store.Challenges;
using Tango.Store.Coupons;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Insiders;
using Tango.Store.Journeys;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Referrals;
using Tango.Store.Rewards;
using Tango.Store.Service;
using Tango.Store.Simulation;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Store.Tiers;
using Tango.Store.Verification;

namespace Tango.Hosting;

/// <summary>The composition root shared by the server and every CLI verb.</summary>
public static class TangoServices
{
    /// <summary>Everything a store verb or the server needs, on the store that `--database` (TANGO_DATABASE) names.</summary>
    public static IServiceCollection AddTango(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTangoOptions<StoreOptions>(configuration, StoreOptions.Problems);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StartupChecks.OpenStore(sp.GetRequiredService<StoreOptions>().Database));
        services.AddSingleton(sp => new WriteQueueOptions
        {
            // PostgreSQL overlaps several commits; SQLite has a single writer whatever we do.
            Writers = sp.GetRequiredService<Database>().Kind == StoreKind.Postgres
                ? sp.GetRequiredService<StoreOptions>().Writers ?? StoreOptions.DefaultPostgresWriters : 1,
        });
        services.AddSingleton<WriteQueue>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ApiKeyList>();
        services.AddSingleton<StaffUsers>();
        services.AddSingleton<MemberQueries>();
        services.AddSingleton<Tango.Store.Segments.SavedSegments>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<EventWrites>();
        services.AddSingleton<PurchaseBatch>();
        services.AddSingleton<Redemptions>();
        services.AddSingleton<Adjustments>();
        services.AddSingleton<PointsExpiry>();
        services.AddSingleton<StoreVerifier>();
        services.AddSingleton<InsightsStore>();
        services.AddSingleton<AdvocacyQueries>();
        services.AddSingleton<RecoveryCases>();
        services.AddSingleton<SlaWatch>();
        services.AddSingleton<TicketWrites>();
        services.AddSingleton<TicketQueries>();
        services.AddSingleton<SurveyWrites>();
        services.AddSingleton<SurveyInvitations>();
        services.AddSingleton<SurveyQueries>();
        services.AddSingleton<RecoveryQueries>();
        services.AddSingleton<TierQueries>();
        services.AddSingleton<TierReviews>();
        services.AddSingleton<RewardCatalog>();
        services.AddSingleton<Surprises>();
        services.AddSingleton<SurpriseReports>();
        services.AddSingleton<CouponBatches>();
        services.AddSingleton<CouponQueries>();
        services.AddSingleton<CouponRedemptions>();
        services.AddSingleton<InsiderWrites>();
        services.AddSingleton<InsiderQueries>();
        services.AddSingleton<ProgramSimulations>();
        services.AddSingleton<JourneyStore>();
        services.AddSingleton<JourneyEntries>();
        services.AddSingleton<JourneySettings>();
        services.AddSingleton<JourneyQueries>();
        services.AddSingleton<JourneyGrants>();
        services.AddSingleton<EventSignals>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<Unsubscribes>();
        services.AddSingleton<ReferralQueries>();
        services.AddSingleton<AchievementQueries>();
        services.AddMetrics();
        services.AddSingleton<TangoMetrics>();
        services.AddSingleton<Writes>();
        return services;
    }

    /// <summary>Migrates the store and, on an empty store, creates tenant "default" with the bootstrap key.</summary>
    public static async Task PrepareStoreAsync(IServiceProvider services, string? bootstrapAdminKey, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<Database>();
        await Migrator.MigrateAsync(db, services.GetRequiredService<TimeProvider>(), ct);
        if (!string.IsNullOrEmpty(bootstrapAdminKey))
        {
            await services.GetRequiredService<ApiKeys>().BootstrapAsync(bootstrapAdminKey, ct);
        }
    }
}

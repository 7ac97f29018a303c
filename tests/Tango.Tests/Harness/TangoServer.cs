using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tango.Hosting;
using Tango.Operations;
using Tango.Store.Tenants;

namespace Tango.Tests.Harness;

/// <summary>
/// The real `tango serve` host, started in this process on a loopback port over a real store, with a
/// fake clock. Tests talk to it over HTTP only; fixtures speak in intentions (Enrol, Purchase, Refund).
/// </summary>
public sealed class TangoServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly TestStore _store;
    private readonly bool _ownsStore;

    private TangoServer(WebApplication app, TestStore store, FakeTimeProvider clock, Uri address, bool ownsStore = true)
    {
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        Clock = clock;
        Address = address;
        Admin = Client(AdminKey);
    }

    public FakeTimeProvider Clock { get; }
    public Uri Address { get; }
    public HttpClient Admin { get; }
    public string DatabaseLocation => _store.Location;
    public IServiceProvider Services => _app.Services;

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero); // a Monday

    /// <param name="options">More `tango serve` options, such as `--rate-limit 2`.</param>
    public static async Task<TangoServer> StartAsync(StoreUnderTest kind, DateTimeOffset? now = null, params string[] options)
    {
        var store = await TestStore.CreateAsync(kind);
        return await StartOnAsync(store, now ?? Start, ownsStore: true, options);
    }

    /// <summary>A server with more services of the test's own (a middleware through an <c>IStartupFilter</c>, say).</summary>
    public static async Task<TangoServer> StartAsync(StoreUnderTest kind, Action<IServiceCollection> configure)
    {
        var store = await TestStore.CreateAsync(kind);
        return await StartOnAsync(store, Start, ownsStore: true, [], configure);
    }

    /// <summary>
    /// A server over a store the caller keeps (and disposes): stop it and start another on the same store to
    /// see what survives a restart.
    /// </summary>
    public static Task<TangoServer> StartOnAsync(TestStore store, DateTimeOffset now, params string[] options) =>
        StartOnAsync(store, now, ownsStore: false, options);

    private static async Task<TangoServer> StartOnAsync(TestStore store, DateTimeOffset now, bool ownsStore, string[] options,
        Action<IServiceCollection>? configure = null)
    {
        var clock = new FakeTimeProvider(now);
        var app = TangoApp.Build(["--urls", "http://127.0.0.1:0", "--database", store.Location, .. options], services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services.Replace(ServiceDescriptor.Singleton(new MaintenanceOptions { Scheduled = false }));
            configure?.Invoke(services);
        });
        await TangoServices.PrepareStoreAsync(app.Services, AdminKey);
        await app.StartAsync();
        return new TangoServer(app, store, clock, new Uri(app.Urls.First()), ownsStore);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public Task<string> CreateKeyAsync(string tenant, Role role) =>
        _app.Services.GetRequiredService<ApiKeys>().CreateAsync(tenant, role);

    /// <summary>What `tango verify` would report for this server's store (empty when every invariant holds).</summary>
    public Task<IReadOnlyList<string>> VerifyAsync() =>
        _app.Services.GetRequiredService<Tango.Store.Verification.StoreVerifier>().VerifyAsync();

    public static async Task<IReadOnlyList<string>> VerifyStoreAsync(string location)
    {
        await using var db = Tango.Store.Infrastructure.Database.Open(location);
        return await new Tango.Store.Verification.StoreVerifier(db).VerifyAsync();
    }

    public Task RunMaintenanceAsync() =>
        _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MaintenanceWorker>().Single().RunOnceAsync(CancellationToken.None);

    public async Task<HttpResponseMessage> PutProgramAsync(string json, HttpClient? client = null)
    {
        var response = await (client ?? Admin).PutAsync("/v1/program", Json(json));
        return response;
    }

    public async Task<JsonObject> EnrolAsync(string memberId, HttpClient? client = null)
    {
        var response = await (client ?? Admin).PostAsync("/v1/members", Json($$"""{"id":"{{memberId}}","email":"{{memberId}}@example.com"}"""));
        return await ExpectAsync(response, 201);
    }

    public Task<HttpResponseMessage> PostEventAsync(string json, string? key = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return (client ?? Admin).SendAsync(request);
    }

    public async Task<JsonObject> PurchaseAsync(string memberId, string orderId, decimal total, string? key = null, string extra = "")
    {
        var amount = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await PostEventAsync(
            $$$"""{"type":"purchase","memberId":"{{{memberId}}}","data":{"orderId":"{{{orderId}}}","total":{{{amount}}}{{{extra}}}}}""", key);
        return await ExpectAsync(response, 200);
    }

    public async Task<JsonObject> RefundAsync(string memberId, string orderId, decimal amount, string? key = null)
    {
        var text = amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await PostEventAsync(
            $$$"""{"type":"refund","memberId":"{{{memberId}}}","data":{"orderId":"{{{orderId}}}","amount":{{{text}}}}}""", key);
        return await ExpectAsync(response, 200);
    }

    public async Task<JsonObject> BalanceAsync(string memberId) =>
        await ExpectAsync(await Admin.GetAsync($"/v1/members/{memberId}/balance"), 200);

    public async Task<JsonArray> LedgerAsync(string memberId) =>
        (await ExpectAsync(await Admin.GetAsync($"/v1/members/{memberId}/ledger?limit=500"), 200))["items"]!.AsArray();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem with this status that names <paramref name="field"/> (when given).</summary>
    public static async Task<JsonObject> ExpectProblemAsync(HttpResponseMessage response, int status, string? field = null)
    {
        var problem = await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field),
                $"Expected the problem to name '{field}': {problem.ToJsonString()}");
        }
        return problem;
    }

    public static T Value<T>(JsonNode? node) => node!.GetValue<T>();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }
}

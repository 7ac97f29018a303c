using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.Web;

/// <summary>
/// A staff session ends at once, on every node, when its user logs out, gets a new password or is removed: even a
/// copy of the cookie (kept by another browser, or stolen) is refused from then on.
/// </summary>
public sealed class StaffSessionTests
{
    public enum Ending { LogOut, NewPassword, Removal }

    public static TheoryData<StoreUnderTest, Ending> Endings()
    {
        var data = new TheoryData<StoreUnderTest, Ending>();
        foreach (var kind in new[] { StoreUnderTest.Sqlite, StoreUnderTest.Postgres })
        {
            foreach (var ending in Enum.GetValues<Ending>())
            {
                data.Add(kind, ending);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_copied_staff_cookie_is_refused_on_every_node_once_its_user_logs_out_changes_password_or_is_removed(StoreUnderTest kind, Ending ending)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var first = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await using var second = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await WebSession.CreateUserAsync(first, "ana@example.com", Role.Admin);
        using var browser = new WebClient(first);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync("ana@example.com", WebSession.Password)).StatusCode);
        using var copy = new WebClient(second);
        copy.Cookies.Add(browser.Cookies.GetCookies(new Uri(first.Address, "/admin")));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin/members")).StatusCode);

        var users = first.Services.GetRequiredService<StaffUsers>();
        switch (ending)
        {
            case Ending.LogOut:
                var token = await browser.TokenAsync("/admin/members");
                Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/admin/logout", "logout", new Dictionary<string, string>(), token)).StatusCode);
                break;
            case Ending.NewPassword:
                await users.CreateOrUpdateAsync("default", "ana@example.com", Role.Admin, "another long password");
                break;
            case Ending.Removal:
                Assert.True(await users.RemoveAsync("default", "ana@example.com"));
                break;
        }

        var refused = await copy.GetAsync("/admin/members");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/admin/login", refused.Headers.Location!.AbsolutePath);
        if (ending == Ending.NewPassword)
        {
            using var again = new WebClient(second);
            Assert.Equal(HttpStatusCode.Redirect, (await again.LogInAsync("ana@example.com", "another long password")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin/members")).StatusCode);
        }
    }
}

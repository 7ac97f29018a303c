using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class HoldoutTests
{
    [Fact]
    public void The_same_member_is_always_on_the_same_side_of_the_same_journey()
    {
        var first = Enumerable.Range(0, 1_000).Select(i => Holdout.IsHeldOut("birthday", $"m-{i}", 10)).ToList();
        var again = Enumerable.Range(0, 1_000).Select(i => Holdout.IsHeldOut("birthday", $"m-{i}", 10)).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void The_held_out_share_is_the_percentage_asked_for_and_differs_between_journeys()
    {
        var members = Enumerable.Range(0, 50_000).Select(i => $"member-{i}").ToList();

        var birthday = members.Where(m => Holdout.IsHeldOut("birthday", m, 12.5m)).ToHashSet();
        var cart = members.Where(m => Holdout.IsHeldOut("abandoned-cart", m, 12.5m)).ToHashSet();

        Assert.InRange(birthday.Count / 50_000.0, 0.12, 0.13);
        Assert.InRange(cart.Count / 50_000.0, 0.12, 0.13);
        // Independent slices overlap by about 12.5% of 12.5%.
        Assert.InRange(birthday.Intersect(cart).Count() / 50_000.0, 0.012, 0.019);
        Assert.DoesNotContain(members, m => Holdout.IsHeldOut("birthday", m, 0));
    }
}

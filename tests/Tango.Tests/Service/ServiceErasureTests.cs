using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tango.Store.Infrastructure;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class ServiceErasureTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Erasing_a_member_blanks_their_ticket_subjects_and_survey_comments_and_keeps_the_scores(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        var ticket = await server.OpenTicketAsync("ann");
        await ExpectAsync(await server.RespondAsync("""{"memberId":"ann","kind":"nps","score":3,"comment":"Call me on 555-0100"}"""), 201);

        await ExpectAsync(await server.Admin.DeleteAsync("/v1/members/ann"), 204);

        var erased = await server.TicketAsync(Value<string>(ticket["ticketId"]));
        Assert.Equal("(erased)", Value<string>(erased["subject"]));
        await using var connection = await server.Services.GetRequiredService<Database>().OpenConnectionAsync();
        var answers = (await connection.QueryAsync<(long Score, string? Comment)>(
            "SELECT score, comment FROM survey_responses WHERE member_id = 'ann'")).ToList();
        Assert.Equal([(3L, (string?)null)], answers);
    }
}

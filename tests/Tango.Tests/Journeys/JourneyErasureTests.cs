using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tango.Store.Infrastructure;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class JourneyErasureTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Erasing_a_member_blanks_the_address_subject_and_text_of_their_messages(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann", consent: false);
        await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"About your kettle, {{ member.firstName }}","message":"Batch 2 may leak.","affected":{"memberIds":["ann"]}}
            """)), 201);
        await server.RunJourneysAsync();

        await ExpectAsync(await server.Admin.DeleteAsync("/v1/members/ann"), 204);

        await using var connection = await server.Services.GetRequiredService<Database>().OpenConnectionAsync();
        var messages = (await connection.QueryAsync<(string? To, string? Subject, string Body, string Status)>(
            "SELECT to_address, subject, body, status FROM messages WHERE member_id = 'ann'")).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            Assert.Null(m.To);
            Assert.Null(m.Subject);
            Assert.Equal("(erased)", m.Body);
            Assert.NotEqual("queued", m.Status);
        });
    }
}

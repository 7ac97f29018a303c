using System.Text.Json;
using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Service;

public sealed class ServicePolicyValidationTests
{
    private static IReadOnlyDictionary<string, string[]> Validate(string json) =>
        ProgramValidator.Validate(JsonSerializer.Deserialize<ProgramDocument>(json, ProgramJson.Options)!);

    [Fact]
    public void A_full_service_section_is_valid()
    {
        var errors = Validate("""
            {"service": {
              "sla": {"urgent": {"firstResponse": "PT15M", "resolution": "PT2H"}, "low": {"resolution": "P1W"}},
              "recovery": {"compensationPoints": 200, "maxPointsPerMemberPerMonth": 300},
              "surveys": {"invitationValidDays": 14}
            }}
            """);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"service":{"sla":{"urgent":{"firstResponse":"30 minutes"}}}}""", "service.sla.urgent.firstResponse")]
    [InlineData("""{"service":{"sla":{"high":{"resolution":"P1M"}}}}""", "service.sla.high.resolution")]
    [InlineData("""{"service":{"sla":{"normal":{"firstResponse":"PT0S"}}}}""", "service.sla.normal.firstResponse")]
    [InlineData("""{"service":{"sla":{"urgent":{"resolution":"PT10M"}}}}""", "service.sla.urgent.resolution")]
    [InlineData("""{"service":{"recovery":{"compensationPoints":-1}}}""", "service.recovery.compensationPoints")]
    [InlineData("""{"service":{"recovery":{"maxPointsPerMemberPerMonth":-5}}}""", "service.recovery.maxPointsPerMemberPerMonth")]
    [InlineData("""{"service":{"surveys":{"invitationValidDays":0}}}""", "service.surveys.invitationValidDays")]
    public void Each_broken_service_rule_is_reported_at_its_json_path(string json, string path)
    {
        var errors = Validate(json);

        Assert.Equal([path], errors.Keys);
    }

    [Fact]
    public void An_unknown_key_in_the_service_section_is_a_json_error()
    {
        Assert.Throws<JsonException>(() => Validate("""{"service":{"sla":{"critical":{"firstResponse":"PT5M"}}}}"""));
    }
}

namespace Tango.Tests.CliVerbs.CommandLine;

/// <summary>Help and wrong command lines, on the built binary: nothing is served, opened or created.</summary>
public sealed class HelpAndUsageTests
{
    public static TheoryData<string[], string> HelpRequests => new()
    {
        { ["--help"], "tango [command] [options]" },
        { ["-h"], "tango [command] [options]" },
        { ["serve", "--help"], "tango serve [options]" },
        { ["serve", "-h"], "tango serve [options]" },
        { ["keys", "--help"], "tango keys [command] [options]" },
        { ["keys", "create", "--help"], "tango keys create [options]" },
        { ["users", "create", "-h"], "tango users create [options]" },
        { ["import", "--help"], "tango import <FILE.csv> [options]" },
        { ["verify", "--help"], "tango verify [options]" },
        { ["migrate", "-h"], "tango migrate [options]" },
        { ["analyze", "--help"], "tango analyze <FILE.csv> [options]" },
    };

    [Theory]
    [MemberData(nameof(HelpRequests))]
    public async Task Help_exits_0_and_neither_serves_nor_creates_a_store(string[] args, string usage)
    {
        using var tango = new TangoBinary();

        var run = await tango.RunAsync(args, timeout: TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(usage, run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
        Assert.Empty(tango.FolderContents());
    }

    [Fact]
    public async Task Serve_help_lists_every_server_option_with_its_environment_variable()
    {
        using var tango = new TangoBinary();

        var run = await tango.RunAsync(["serve", "--help"]);

        foreach (var option in Tango.Cli.ServeOptions.All)
        {
            Assert.Contains($"--{option.Name} <", run.Out, StringComparison.Ordinal);
            Assert.Contains($"[{option.Variable}]", run.Out, StringComparison.Ordinal);
        }
        Assert.Contains("[TANGO_WEBHOOKS_ALLOW_PRIVATE]", run.Out, StringComparison.Ordinal);
        Assert.Contains("[TANGO_RATE_LIMIT]", run.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> WrongCommandLines => new()
    {
        { ["--bogus"], "'--bogus'" },
        { ["frobnicate"], "'frobnicate'" },
        { ["serve", "--bogus", "1"], "'--bogus'" },
        { ["keys"], "tango keys" },
        { ["keys", "delete", "--tenant", "acme"], "'delete'" },
        { ["keys", "create", "--tenant", "acme", "--role", "read", "--colour", "blue"], "'--colour'" },
        { ["keys", "create", "--tenant", "acme"], "--role" },
        { ["users", "create", "--tenant", "acme", "--email", "a@example.com", "--role", "admin", "--pasword", "a secret password"], "'--pasword'" },
        { ["import"], "import" },
        { ["verify", "extra"], "'extra'" },
        { ["--writers", "many"], "--writers" },
    };

    [Theory]
    [MemberData(nameof(WrongCommandLines))]
    public async Task A_wrong_command_line_exits_2_with_one_line_and_touches_nothing(string[] args, string named)
    {
        using var tango = new TangoBinary();

        var run = await tango.RunAsync(args, timeout: TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("tango", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("a secret password", line, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.Empty(tango.FolderContents());
    }

    public static TheoryData<string[], string, string> BadValues => new()
    {
        { ["--writers", "0"], "", "--writers (TANGO_WRITERS)" },
        { ["serve", "--writers", "65"], "", "--writers (TANGO_WRITERS)" },
        { ["serve", "--rate-limit", "-1"], "", "--rate-limit (TANGO_RATE_LIMIT)" },
        { ["serve", "--log-format", "xml"], "", "--log-format (TANGO_LOG_FORMAT)" },
        { ["serve", "--urls", "localhost"], "", "--urls (TANGO_URLS)" },
        { ["serve", "--public-url", "/behind/a/proxy"], "", "--public-url (TANGO_PUBLIC_URL)" },
        { ["serve", "--smtp", "mail.example.com"], "", "--smtp (TANGO_SMTP)" },
        { ["serve", "--mail-from", "nobody"], "", "--mail-from (TANGO_MAIL_FROM)" },
        { ["serve", "--journey-interval", "0"], "", "--journey-interval (TANGO_JOURNEY_INTERVAL)" },
        { ["serve"], "TANGO_WRITERS=0", "--writers (TANGO_WRITERS)" },
        { ["serve"], "TANGO_RATE_LIMIT=lots", "--rate-limit (TANGO_RATE_LIMIT)" },
        { ["serve"], "TANGO_WEBHOOKS_ALLOW_PRIVATE=yes", "--webhooks-allow-private (TANGO_WEBHOOKS_ALLOW_PRIVATE)" },
        { ["migrate"], "TANGO_WRITERS=100", "--writers (TANGO_WRITERS)" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_option_value_exits_2_with_one_line_naming_the_option(string[] args, string variable, string named)
    {
        using var tango = new TangoBinary();
        var environment = variable.Split('=') is [var name, var value] ? new Dictionary<string, string> { [name] = value } : null;

        var run = await tango.RunAsync(args, environment, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Empty(tango.FolderContents());
    }
}

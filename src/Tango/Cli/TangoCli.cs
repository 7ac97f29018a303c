using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Tango.Cli.Analyze;
using Tango.Hosting.Options;

namespace Tango.Cli;

/// <summary>
/// The `tango` command line: `serve` (also when no command is given), `keys`, `users`, `import`, `verify`, `migrate`
/// and `analyze`, each with `--help`. A wrong command line is one line on stderr and exit 2, before anything is
/// opened or created; so is a wrong setting, and a store or port that is not there is one line and exit 1.
/// </summary>
public static class TangoCli
{
    public static Command Root() => new("tango", "Tango, a self-hosted loyalty and retention engine.")
    {
        new HelpOption(),
        new VersionOption(),
        ServeCommand.Create(),
        KeysCommand.Create(),
        UsersCommand.Create(),
        ImportCommand.Create(),
        VerifyCommand.Create(),
        MigrateCommand.Create(),
        AnalyzeCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Root();
        var parse = root.Parse(DefaultToServe(root, args));
        if (parse.Action is ParseErrorAction)
        {
            await Console.Error.WriteLineAsync($"{CommandPath(parse)}: {Errors(parse)} See {CommandPath(parse)} --help.");
            return StartupFailure.BadUsage;
        }
        try
        {
            // The server stops on SIGTERM and Ctrl+C by itself; the parser must not also answer them.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (StartupFailure failure)
        {
            await Console.Error.WriteLineAsync($"{CommandPath(parse)}: {failure.Message}");
            return failure.ExitCode;
        }
    }

    /// <summary>`tango` alone, or `tango --urls …`, serves, as `tango serve …` does.</summary>
    private static string[] DefaultToServe(Command root, string[] args)
    {
        var rootAliases = root.Options.SelectMany(o => o.Aliases.Append(o.Name));
        return args is [] || (args[0].StartsWith('-') && !rootAliases.Contains(args[0])) ? [ServeCommand.Name, .. args] : args;
    }

    /// <summary>
    /// The parser's messages on one line. Of the words it did not recognise only the first is named: the rest may be
    /// values that belong to it, such as a password after a misspelt option. "No command given" only when nothing
    /// better is known.
    /// </summary>
    private static string Errors(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
        var unrecognised = messages.Where(m => m.StartsWith("Unrecognized", StringComparison.Ordinal)).Skip(1);
        var specific = messages.Except(unrecognised).Where(m => !m.StartsWith("Required command was not provided", StringComparison.Ordinal)).ToList();
        return string.Join(" ", specific.Count > 0 ? specific : messages.Take(1));
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Insert(0, command.Command.Name);
            }
        }
        return string.Join(' ', names);
    }
}

using Tango.Cli;
using Tango.Cli.Analyze;
using Tango.Hosting;

// `tango` with no verb, or with only options, serves.
var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;

return verb switch
{
    "serve" => await TangoApp.ServeAsync(rest),
    "keys" => await KeysCommand.RunAsync(rest),
    "users" => await UsersCommand.RunAsync(rest),
    "import" => await ImportCommand.RunAsync(rest),
    "verify" => await VerifyCommand.RunAsync(rest),
    "migrate" => await MigrateCommand.RunAsync(rest),
    "analyze" => await AnalyzeCommand.RunAsync(rest),
    "help" or "--help" or "-h" => CliHost.Usage(0),
    _ => CliHost.Usage(2, $"Unknown command '{verb}'."),
};

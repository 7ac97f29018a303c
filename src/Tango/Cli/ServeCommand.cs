using System.CommandLine;
using Tango.Hosting;

namespace Tango.Cli;

/// <summary>`tango serve`: the API, the dashboard and the portal, with every option of <see cref="ServeOptions"/>.</summary>
public static class ServeCommand
{
    public const string Name = "serve";

    public static Command Create()
    {
        var command = new Command(Name, "Serve the v1 API, the staff dashboard (/admin) and the member portal (/portal); the default command.");
        foreach (var option in ServeOptions.All)
        {
            command.Options.Add(option.Create());
        }
        command.SetAction((parse, _) => TangoApp.ServeAsync(ServeOptions.Given(parse)));
        return command;
    }

    /// <summary>The server options in <paramref name="args"/> (the arguments after `serve`), parsed as `tango serve` parses them.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", parse.Errors.Select(e => e.Message)), nameof(args));
        }
        return ServeOptions.Given(parse);
    }
}

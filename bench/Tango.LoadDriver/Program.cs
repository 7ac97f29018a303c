using Tango.LoadDriver;

// Sends purchases or balance reads to a running Tango over HTTP and reports throughput and latency,
// or fills it with members (--mode load).
// See DriverOptions.Usage for the arguments.
DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(DriverOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the run early but still prints the report.
    e.Cancel = true;
    stop.Cancel();
};

if (options.Mode == DriverMode.Load)
{
    var fill = await MemberFill.RunAsync(options, TimeProvider.System, stop.Token);
    Console.WriteLine(fill.ToText());
    await WriteOutAsync(fill.ToJson());
    // Members left out would skew every later figure: the load succeeds only if it created all of them.
    return fill.Failed == 0 && fill.Created == fill.Members ? 0 : 1;
}

var report = await ClosedLoop.RunAsync(options, TimeProvider.System, stop.Token);
Console.WriteLine(report.ToText());
await WriteOutAsync(report.ToJson());

// A run in which nothing was acknowledged measured nothing: say so through the exit code.
return report.Ok > 0 ? 0 : 1;

async Task WriteOutAsync(string json)
{
    if (options.OutFile is { } outFile)
    {
        await File.WriteAllTextAsync(outFile, json);
        Console.WriteLine($"wrote {outFile}");
    }
}

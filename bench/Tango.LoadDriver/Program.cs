using Tango.LoadDriver;

// Sends purchases to a running Tango over HTTP and reports throughput and latency.
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

var report = await PurchaseLoad.RunAsync(options, TimeProvider.System, stop.Token);

Console.WriteLine(report.ToText());
if (options.OutFile is { } outFile)
{
    await File.WriteAllTextAsync(outFile, report.ToJson());
    Console.WriteLine($"wrote {outFile}");
}

// A run in which nothing was acknowledged measured nothing: say so through the exit code.
return report.Ok > 0 ? 0 : 1;

using Tango.Cli;

return await TangoCli.RunAsync(args);

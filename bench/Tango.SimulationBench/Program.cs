using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tango.Domain.Programs;
using Tango.SimulationBench;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;
using Tango.Store.Simulation;

// dotnet Tango.SimulationBench.dll [PURCHASES] [MEMBERS] [DB [--reuse]]
// Writes PURCHASES purchases (default 1,000,000) by MEMBERS members (default 100,000) over two years into a
// fresh SQLite store at DB (default a temporary file, deleted after), then times `POST /v1/program:simulate`'s
// work: reading the history and replaying it under the current and a proposed program. Three runs.
// --reuse keeps a DB written by an earlier run instead of writing it again.
var purchases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var members = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var path = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"tango-simbench-{Environment.ProcessId}.db");
var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
var end = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);
var clock = TimeProvider.System;

var reuse = args.Length > 3 && args[3] == "--reuse" && File.Exists(path);
if (!reuse)
{
    File.Delete(path);
}
await using var db = Database.Open(path);
await Migrator.MigrateAsync(db, clock);
var writing = Stopwatch.StartNew();
var (written, refunds) = reuse ? (purchases, -1L) : HistoryWriter.Write(path, purchases, members, start, end);
var writeSeconds = writing.Elapsed.TotalSeconds;
var size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);

var programs = new ProgramStore(db, clock);
var simulations = new ProgramSimulations(db, programs, clock);
var proposed = JsonSerializer.Deserialize<ProgramDocument>(Programs.Proposed, ProgramJson.Options)!;
if (ProgramValidator.Validate(proposed).Count > 0 || ProgramValidator.Validate(JsonSerializer.Deserialize<ProgramDocument>(Programs.Current, ProgramJson.Options)!).Count > 0)
{
    Console.Error.WriteLine("A benchmark program is not valid.");
    return 1;
}

var runs = new List<double>();
var phases = new List<string>();
var cpu = new List<double>();
var allocated = new List<double>();
SimulationRun? last = null;
for (var run = 0; run < 3; run++)
{
    GC.Collect();
    var timer = Stopwatch.StartNew();
    var used = Process.GetCurrentProcess().TotalProcessorTime;
    var bytes = GC.GetTotalAllocatedBytes(precise: true);
    last = await simulations.RunAsync(HistoryWriter.Tenant, proposed, null, end);
    runs.Add(timer.Elapsed.TotalSeconds);
    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - used).TotalSeconds);
    allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e9);
    phases.Add(string.Create(CultureInfo.InvariantCulture, $"[{last.ReadTime.TotalSeconds:F2}, {last.ReplayTime.TotalSeconds:F2}]"));
}
var result = last!.Result;
var o = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(o, $$"""
    {
      "purchases": {{written}},
      "refunds": {{refunds}},
      "members": {{members}},
      "storeMegabytes": {{size / 1048576.0:F0}},
      "writeSeconds": {{writeSeconds:F1}},
      "simulateSeconds": [{{string.Join(", ", runs.Select(r => r.ToString("F2", o)))}}],
      "readAndReplaySeconds": [{{string.Join(", ", phases)}}],
      "cpuSeconds": [{{string.Join(", ", cpu.Select(c => c.ToString("F2", o)))}}],
      "allocatedGigabytes": [{{string.Join(", ", allocated.Select(a => a.ToString("F2", o)))}}],
      "loadAverage": "{{(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "")}}",
      "collections": [{{GC.CollectionCount(0)}}, {{GC.CollectionCount(1)}}, {{GC.CollectionCount(2)}}],
      "gcPauseSeconds": {{GC.GetTotalPauseDuration().TotalSeconds:F1}},
      "peakWorkingSetMegabytes": {{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}},
      "current": { "pointsIssued": {{result.Current.PointsIssued}}, "pointsExpired": {{result.Current.PointsExpired}}, "outstandingPoints": {{result.Current.OutstandingPoints}}, "liabilityMoney": {{result.Current.LiabilityMoney}}, "tierMix": {{JsonSerializer.Serialize(result.Current.TierMix)}} },
      "proposed": { "pointsIssued": {{result.Proposed.PointsIssued}}, "pointsFromChallenges": {{result.Proposed.PointsFromChallenges}}, "pointsExpired": {{result.Proposed.PointsExpired}}, "outstandingPoints": {{result.Proposed.OutstandingPoints}}, "liabilityMoney": {{result.Proposed.LiabilityMoney}}, "tierMix": {{JsonSerializer.Serialize(result.Proposed.TierMix)}} },
      "tierChanges": {{result.TierMoveCount}}
    }
    """));
if (args.Length <= 2)
{
    SqliteCleanup(path);
}
return runs.Min() < 60 ? 0 : 1;

static void SqliteCleanup(string path)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(file);
    }
}

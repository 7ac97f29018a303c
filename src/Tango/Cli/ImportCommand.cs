using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Spectre.Console;
using Tango.Domain.Money;
using Tango.Events;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Programs;
using Tango.Store.Tenants;

namespace Tango.Cli;

/// <summary>
/// `tango import FILE.csv`: purchases and refunds from a CSV, through the same validation and write path
/// as the API. Each row's idempotency key is derived from its content, so a rerun after an interruption
/// replays what is already in and adds only the rest.
/// </summary>
public static class ImportCommand
{
    private static readonly string[] s_member = ["member_id", "memberid", "customer_id", "customerid"];
    private static readonly string[] s_order = ["order_id", "orderid", "invoiceno", "invoice"];
    private static readonly string[] s_date = ["occurred_at", "occurredat", "date", "invoicedate"];
    private static readonly string[] s_amount = ["total", "amount", "totalprice"];

    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["import", .. args]);

    public static Command Create()
    {
        var file = new Argument<string>("FILE.csv") { Description = "purchases and refunds, one a row, with a header (see the README)" };
        var tenant = new Option<string>("--tenant") { HelpName = "T", Description = "the tenant they belong to (default: default)", DefaultValueFactory = _ => "default" };
        var command = new Command("import",
            "Load purchases and refunds from a CSV through the API's write path; a rerun skips what is already in. "
            + "A progress bar at a terminal, progress lines in a log.")
        {
            file, tenant, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => ImportAsync(parse, parse.GetRequiredValue(file), parse.GetRequiredValue(tenant), ct));
        return command;
    }

    private static async Task<int> ImportAsync(ParseResult parse, string file, string tenant, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw CliHost.Usage($"No such file: {file}");
        }
        if (!Hosting.Validate.IsId(tenant))
        {
            throw CliHost.Usage($"--tenant: {Hosting.Validate.IdRule}");
        }
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, null, ct);
        await services.GetRequiredService<ApiKeys>().EnsureTenantAsync(tenant);
        var currency = (await services.GetRequiredService<ProgramStore>().CurrentAsync(tenant)).Document.Currency;
        var clock = services.GetRequiredService<TimeProvider>();
        var importer = new Importer(services.GetRequiredService<Writes>(), clock, tenant, currency);

        ImportTally tally = new();
        // A bar redrawn in place means something only to someone watching a terminal; a log gets lines.
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"Importing {Path.GetFileName(file)}", maxValue: new FileInfo(file).Length);
                tally = await importer.RunAsync(file, (position, _) => task.Value = position);
            });
        }
        else
        {
            var lines = new ImportProgress(Console.Out, clock, new FileInfo(file).Length);
            tally = await importer.RunAsync(file, lines.Report);
        }
        foreach (var failure in tally.Failures.Take(20))
        {
            await Console.Error.WriteLineAsync(failure);
        }
        Console.WriteLine($"{tally.Imported} imported, {tally.Skipped} already in, {tally.Failed} failed, of {tally.Rows} rows.");
        return tally.Failed == 0 ? 0 : 1;
    }

    public sealed class ImportTally
    {
        public long Rows { get; set; }
        public long Imported { get; set; }
        public long Skipped { get; set; }
        public long Failed { get; set; }
        public List<string> Failures { get; } = [];
    }

    private sealed class Importer(Writes writes, TimeProvider clock, string tenant, string currency)
    {
        private const int Chunk = 2000;

        public async Task<ImportTally> RunAsync(string path, Action<long, ImportTally> progress)
        {
            var tally = new ImportTally();
            await using var stream = File.OpenRead(path);
            using var reader = new StreamReader(stream);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
            await csv.ReadAsync();
            csv.ReadHeader();
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            int Find(string[] names) => Array.FindIndex(header, h => names.Contains(h));
            var (member, order, date, amount, type) = (Find(s_member), Find(s_order), Find(s_date), Find(s_amount), Array.IndexOf(header, "type"));
            if (member < 0 || order < 0 || amount < 0)
            {
                tally.Failed++;
                tally.Failures.Add("The header needs member_id (or customer_id), order_id (or InvoiceNo) and total (or amount) columns.");
                return tally;
            }

            // Rows go to the write queue keyed by member, so a refund commits after its member's purchase
            // even while several writers commit concurrently.
            var pending = new List<(long Line, Task<StoredResponse> Write)>();
            while (await csv.ReadAsync())
            {
                tally.Rows++;
                var line = csv.Parser.RawRow;
                var row = new Row(csv.GetField(member) ?? "", csv.GetField(order) ?? "", date < 0 ? null : csv.GetField(date),
                    csv.GetField(amount) ?? "", type < 0 ? "purchase" : csv.GetField(type) ?? "purchase");
                var (write, error) = Start(row);
                if (error is not null)
                {
                    tally.Failed++;
                    tally.Failures.Add($"line {line}: {error}");
                }
                else
                {
                    pending.Add((line, write!));
                }
                if (pending.Count >= Chunk)
                {
                    await Drain(pending, tally);
                    progress(stream.Position, tally);
                }
            }
            await Drain(pending, tally);
            progress(stream.Length, tally);
            return tally;
        }

        private (Task<StoredResponse>? Write, string? Error) Start(Row row)
        {
            if (!decimal.TryParse(row.Amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"'{row.Amount}' is not an amount");
            }
            // Exported totals often carry float noise (22.200000000000003); amounts are money in the program currency.
            value = Math.Round(value, Currency.MinorUnits(currency), MidpointRounding.AwayFromZero);
            var kind = row.Type.Trim().ToLowerInvariant();
            var data = kind switch
            {
                "purchase" => JsonSerializer.SerializeToElement(new { orderId = row.Order, total = value }),
                "refund" => JsonSerializer.SerializeToElement(new { orderId = row.Order, amount = value }),
                _ => (JsonElement?)null,
            };
            if (data is null)
            {
                return (null, $"type '{row.Type}' is not purchase or refund");
            }
            var occurredAt = row.Date is { Length: 10 } day ? day + "T00:00:00Z" : row.Date;
            var (command, problem) = EventParsing.Parse(tenant, kind, row.Member, occurredAt, data, clock.GetUtcNow());
            if (problem is not null)
            {
                return (null, Describe(problem));
            }
            var key = "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join('\u001f', kind, row.Member, row.Order, occurredAt, value.ToString(CultureInfo.InvariantCulture)))))[..40];
            // A row without a date happens "now"; hashing that instant would make every rerun look like a
            // different request under the same key, so such rows hash their content only.
            var instant = occurredAt is null ? "" : command!.OccurredAt.ToString("O");
            var hash = IdempotentWrite.HashRequest("IMPORT", kind, Encoding.UTF8.GetBytes(command!.DataJson + instant));
            return (writes.RunEventAsync(tenant, key, hash, command), null);
        }

        private static async Task Drain(List<(long Line, Task<StoredResponse> Write)> pending, ImportTally tally)
        {
            foreach (var (line, write) in pending)
            {
                var response = await write;
                // The key is derived from every field of the row, so a key already used with another
                // request hash is this same row, imported before by a version that hashed differently.
                if (response.Replayed || response.KeyReused
                    || (response.Status == 409 && response.Body.Contains("duplicate-", StringComparison.Ordinal)))
                {
                    tally.Skipped++;
                }
                else if (response.Status is >= 200 and < 300)
                {
                    tally.Imported++;
                }
                else
                {
                    tally.Failed++;
                    tally.Failures.Add($"line {line}: {Describe(response)}");
                }
            }
            pending.Clear();
        }


        private static string Describe(StoredResponse problem)
        {
            if (problem.Body.Length == 0)
            {
                return $"status {problem.Status}";
            }
            using var doc = JsonDocument.Parse(problem.Body);
            return doc.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : problem.Body;
        }

        private sealed record Row(string Member, string Order, string? Date, string Amount, string Type);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Tango.SimulationBench;

/// <summary>
/// Writes a synthetic history straight into a migrated SQLite store, as the purchase path would have left it:
/// an event (with its data: lines, channel) and an order per purchase, an event and a refund row per refund.
/// Written with prepared statements in one transaction and synchronous=OFF: this is setup, not what is measured.
/// </summary>
internal static class HistoryWriter
{
    public const string Tenant = "bench";

    private static readonly string[] Categories = ["coffee", "bakery", "tea", "equipment", "gift-cards"];
    private static readonly string[] Channels = ["shop", "shop", "web", "app"];

    /// <summary>A shop's catalog: 200 skus, each in a category at a fixed price in cents.</summary>
    private static readonly (string Sku, string Category, int Cents)[] Catalog = MakeCatalog();

    public static (long Purchases, long Refunds) Write(string path, int purchases, int members, DateTimeOffset start, DateTimeOffset end)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        using var tx = connection.BeginTransaction();
        Execute(connection, $"INSERT INTO tenants (tenant_id, created_at) VALUES ('{Tenant}', '{Text(start)}')", tx);
        using (var program = connection.CreateCommand())
        {
            program.Transaction = tx;
            program.CommandText = "INSERT INTO program_versions (tenant_id, version, document, created_at) VALUES ($t, 1, $d, $c)";
            program.Parameters.AddWithValue("$t", Tenant);
            program.Parameters.AddWithValue("$d", Programs.Current);
            program.Parameters.AddWithValue("$c", Text(start));
            program.ExecuteNonQuery();
        }

        var member = Prepared(connection, tx, """
            INSERT INTO members (tenant_id, member_id, consent_email, consent_sms, points_balance, wallet_minor, created_at, updated_at)
            VALUES ($t, $m, 0, 0, 0, 0, $at, $at)
            """, "$t", "$m", "$at");
        for (var i = 0; i < members; i++)
        {
            Run(member, Tenant, MemberId(i), Text(start));
        }

        var evt = Prepared(connection, tx, """
            INSERT INTO events (tenant_id, member_id, event_id, type, occurred_at, received_at, data) VALUES ($t, $m, $e, $type, $at, $at, $data)
            """, "$t", "$m", "$e", "$type", "$at", "$data");
        var order = Prepared(connection, tx, """
            INSERT INTO orders (tenant_id, order_id, member_id, event_id, occurred_at, currency, total_minor, points_earned, wallet_earned, program_version)
            VALUES ($t, $o, $m, $e, $at, 'EUR', $total, 0, 0, 1)
            """, "$t", "$o", "$m", "$e", "$at", "$total");
        var refund = Prepared(connection, tx, """
            INSERT INTO refunds (tenant_id, order_id, refund_id, member_id, event_id, amount_minor) VALUES ($t, $o, $e, $m, $e, $amount)
            """, "$t", "$o", "$e", "$m", "$amount");

        // Purchase instants spread evenly over [start, end), a member drawn at random for each (some buy far more than others).
        var random = new Random(20261124);
        var step = (end - start).Ticks / purchases;
        var json = new StringBuilder(256);
        long refunds = 0;
        for (var i = 0; i < purchases; i++)
        {
            var at = start.AddTicks(step * i);
            var who = MemberId((int)(members * Math.Pow(random.NextDouble(), 1.5)));
            var orderId = "o" + i.ToString(CultureInfo.InvariantCulture);
            var totalMinor = Lines(random, json, orderId);
            Run(evt, Tenant, who, "evt_" + i.ToString("D9", CultureInfo.InvariantCulture), "purchase", Text(at), json.ToString());
            Run(order, Tenant, orderId, who, "evt_" + i.ToString("D9", CultureInfo.InvariantCulture), Text(at), totalMinor);
            if (random.Next(20) == 0)
            {
                // One purchase in twenty comes back, in part or whole, within a month.
                var back = at.AddHours(random.Next(1, 720));
                var amount = Math.Max(1, totalMinor * random.Next(10, 101) / 100);
                var refundEvent = "evt_r" + i.ToString("D9", CultureInfo.InvariantCulture);
                var data = $$"""{"orderId":"{{orderId}}","amount":{{(amount / 100m).ToString(CultureInfo.InvariantCulture)}}}""";
                Run(evt, Tenant, who, refundEvent, "refund", Text(back < end ? back : at), data);
                Run(refund, Tenant, orderId, refundEvent, who, amount);
                refunds++;
            }
        }
        tx.Commit();
        return (purchases, refunds);
    }

    /// <summary>One to four lines of data JSON; answers the total in cents.</summary>
    private static long Lines(Random random, StringBuilder json, string orderId)
    {
        var count = random.Next(1, 5);
        json.Clear().Append("{\"orderId\":\"").Append(orderId).Append("\",\"lines\":[");
        long total = 0;
        for (var l = 0; l < count; l++)
        {
            var (sku, category, cents) = Catalog[random.Next(Catalog.Length)];
            var quantity = random.Next(1, 3);
            total += cents * quantity;
            json.Append(l == 0 ? "" : ",").Append("{\"sku\":\"").Append(sku).Append("\",\"category\":\"").Append(category)
                .Append("\",\"quantity\":").Append(quantity)
                .Append(",\"unitPrice\":").Append((cents / 100m).ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        json.Append("],\"total\":").Append((total / 100m).ToString(CultureInfo.InvariantCulture))
            .Append(",\"channel\":\"").Append(Channels[random.Next(Channels.Length)]).Append("\"}");
        return total;
    }

    private static (string, string, int)[] MakeCatalog()
    {
        var random = new Random(42);
        return Enumerable.Range(0, 200).Select(i =>
        {
            var category = Categories[i % Categories.Length];
            var cents = category switch
            {
                "equipment" => random.Next(2000, 25000),
                "gift-cards" => random.Next(1, 11) * 1000,
                _ => random.Next(150, 4000),
            };
            return ($"{category}-{i:D3}", category, cents);
        }).ToArray();
    }

    private static string MemberId(int i) => "member-" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The store's text form of an instant on SQLite (fixed width, sorts in time order).</summary>
    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }
}

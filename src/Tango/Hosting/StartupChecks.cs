using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tango.Hosting.Options;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// What must hold before the server or a store verb goes on: the store can be opened and every port to listen on
/// is free. Each failure is one <see cref="StartupFailure"/> line, before anything is migrated or started, instead
/// of the exceptions the host and its background services would print from half-way through their start.
/// </summary>
public static class StartupChecks
{
    /// <summary>The store at <paramref name="location"/>, or one line saying why it cannot be opened (a folder that cannot be made, a bad connection string).</summary>
    public static Database OpenStore(string location)
    {
        try
        {
            return Database.Open(location);
        }
        catch (Exception e) when (IsStoreProblem(e))
        {
            // The connection string may hold a password: name the option, not its value.
            throw new StartupFailure($"the store given by {OptionsSetup.Name("database")} cannot be opened: {Reason(e)}");
        }
    }

    /// <summary>Connects to the store named by `--database` once; says in one line why when it cannot.</summary>
    public static async Task EnsureStoreAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<Database>();
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (IsStoreProblem(e))
        {
            throw new StartupFailure($"the store at {db.Display} cannot be reached: {Reason(e)}");
        }
    }

    /// <summary>Fails in one line when another process already listens on a port of `--urls`.</summary>
    public static void EnsurePortsFree(AddressOptions addresses)
    {
        foreach (var url in addresses.Listen)
        {
            var address = BindingAddress.Parse(url);
            if (address.Port == 0 || address.IsUnixPipe || address.IsNamedPipe)
            {
                continue;
            }
            try
            {
                using var probe = new TcpListener(ListenAddress(address.Host), address.Port);
                probe.Start();
                probe.Stop();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartupFailure($"port {address.Port} is already in use ({url}); stop what listens there or choose another with --urls.");
            }
            catch (SocketException e)
            {
                throw new StartupFailure($"cannot listen on {url}: {e.Message}.");
            }
        }
    }

    /// <summary>True for an address Kestrel could not bind because something else holds it.</summary>
    public static bool IsPortTaken(Exception e) =>
        e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } or Microsoft.AspNetCore.Connections.AddressInUseException;

    // Kestrel binds "localhost" to loopback and any other host name to every interface.
    private static IPAddress ListenAddress(string host) =>
        host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip
        : IPAddress.Any;

    private static bool IsStoreProblem(Exception e) =>
        e is NpgsqlException or SqliteException or IOException or UnauthorizedAccessException or ArgumentException
            or SocketException or TimeoutException or InvalidOperationException;

    private static string Reason(Exception e)
    {
        var reason = e.Message.TrimEnd('.');
        return e.InnerException is { Message: var inner } && !reason.Contains(inner, StringComparison.Ordinal)
            ? $"{reason} ({inner.TrimEnd('.')})."
            : reason + ".";
    }
}

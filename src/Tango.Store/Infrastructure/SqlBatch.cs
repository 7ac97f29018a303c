using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Tango.Store.Infrastructure;

/// <summary>
/// Several statements sent as one command, so a write costs one round trip to PostgreSQL instead of
/// one per statement. Each statement keeps its own readable @names; they are suffixed per statement
/// so two statements can both say @amount. SQLite runs in-process, where a round trip costs nothing and
/// a command with thousands of parameters binds slowly, so there the statements run one by one.
/// </summary>
internal sealed partial class SqlBatch
{
    private static readonly ConcurrentDictionary<(string, int), string> s_rewritten = new();
    private readonly List<(string Sql, IReadOnlyDictionary<string, object?> Args)> _statements = [];

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Parameter();

    public SqlBatch Add(string sql, IReadOnlyDictionary<string, object?> args)
    {
        _statements.Add((sql, args));
        return this;
    }

    public async Task ExecuteAsync(WriteScope scope)
    {
        if (_statements.Count == 0)
        {
            return;
        }
        if (scope.Db.Kind == StoreKind.Sqlite)
        {
            foreach (var (sql, args) in _statements)
            {
                await scope.Connection.ExecuteAsync(sql, new DynamicParameters(args), scope.Transaction);
            }
            return;
        }
        var (text, parameters) = Combine();
        await scope.Connection.ExecuteAsync(text, parameters, scope.Transaction);
    }

    /// <summary>Runs the statements (queries) and hands back their result sets, in order.</summary>
    public async Task<BatchResults> QueryAsync(WriteScope scope)
    {
        if (scope.Db.Kind == StoreKind.Sqlite)
        {
            return new BatchResults(scope, _statements, null);
        }
        var (text, parameters) = Combine();
        return new BatchResults(scope, _statements, await scope.Connection.QueryMultipleAsync(text, parameters, scope.Transaction));
    }

    private (string Text, DynamicParameters Parameters) Combine()
    {
        var text = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var n = 0; n < _statements.Count; n++)
        {
            var (sql, args) = _statements[n];
            text.Append(s_rewritten.GetOrAdd((sql, n), key => Parameter().Replace(key.Item1, m => $"@{m.Groups[1].Value}_{key.Item2}")))
                .Append(";\n");
            foreach (var (name, value) in args)
            {
                parameters.Add($"{name}_{n}", value);
            }
        }
        return (text.ToString(), parameters);
    }

    /// <summary>The result sets of a query batch, read in statement order.</summary>
    internal sealed class BatchResults(WriteScope scope, List<(string Sql, IReadOnlyDictionary<string, object?> Args)> statements,
        SqlMapper.GridReader? grid) : IAsyncDisposable
    {
        private int _next;

        public async Task<T?> ReadSingleOrDefaultAsync<T>()
        {
            if (grid is not null)
            {
                return await grid.ReadSingleOrDefaultAsync<T>();
            }
            var (sql, args) = statements[_next++];
            return await scope.Connection.QuerySingleOrDefaultAsync<T>(sql, new DynamicParameters(args), scope.Transaction);
        }

        public async Task<T> ReadSingleAsync<T>() =>
            await ReadSingleOrDefaultAsync<T>() ?? throw new InvalidOperationException("The query returned no row.");

        public async ValueTask DisposeAsync()
        {
            if (grid is not null)
            {
                await grid.DisposeAsync();
            }
        }
    }
}

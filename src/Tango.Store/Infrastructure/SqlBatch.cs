using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Tango.Store.Infrastructure;

/// <summary>
/// Several statements sent as one command, so a write costs one round trip to PostgreSQL instead of
/// one per statement. Each statement keeps its own readable @names; they are suffixed per statement
/// so two statements can both say @amount.
/// </summary>
internal sealed partial class SqlBatch
{
    private static readonly ConcurrentDictionary<(string, int), string> s_rewritten = new();
    private readonly StringBuilder _sql = new();
    private readonly DynamicParameters _parameters = new();
    private int _count;

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Parameter();

    public int Count => _count;

    public SqlBatch Add(string sql, IReadOnlyDictionary<string, object?> args)
    {
        var n = _count++;
        var text = s_rewritten.GetOrAdd((sql, n), key => Parameter().Replace(key.Item1, m => $"@{m.Groups[1].Value}_{key.Item2}"));
        _sql.Append(text).Append(";\n");
        foreach (var (name, value) in args)
        {
            _parameters.Add($"{name}_{n}", value);
        }
        return this;
    }

    public Task ExecuteAsync(WriteScope scope) =>
        _count == 0 ? Task.CompletedTask : scope.Connection.ExecuteAsync(_sql.ToString(), _parameters, scope.Transaction);
}

using System.Data.Common;
using Npgsql;

namespace Tango.Store.Journeys;

/// <summary>
/// "column is one of this list" in each store's terms. Dapper expands `IN @list` into one parameter per item
/// on SQLite, but hands PostgreSQL the array whole (Npgsql has arrays), which takes `= ANY(@list)`.
/// Pass arrays: Npgsql writes IList values only.
/// </summary>
internal static class InList
{
    public static string Sql(DbConnection connection, string column, string parameter) =>
        connection is NpgsqlConnection ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
}

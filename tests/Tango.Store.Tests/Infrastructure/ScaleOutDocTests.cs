using Tango.Store.Tests.Harness;

namespace Tango.Store.Tests.Infrastructure;

/// <summary>
/// Holds docs/scale-out.md's table of Citus treatments to the schema the migrations make on PostgreSQL (Citus is a
/// PostgreSQL extension, so SQLite has nothing to say here): every table has a row, every row a table, and every
/// unique key of a table the doc distributes holds its distribution column, as Citus requires.
/// </summary>
public sealed class ScaleOutDocTests(MigratedPostgresSchema schema) : IClassFixture<MigratedPostgresSchema>
{
    /// <summary>
    /// Unique keys that lack the distribution column today. Each is named in the doc with its way out; a new one
    /// fails the test, and so does one of these once fixed (its line here and in the doc should go).
    /// </summary>
    private static readonly string[] s_exceptions =
    [
        "coupon_redemptions_member_use",
        "referral_codes_code",
        "survey_responses_invitation",
    ];

    private readonly ScaleOutDoc _doc = ScaleOutDoc.Read();

    [Fact]
    public void The_scale_out_doc_has_one_row_for_each_table_the_migrations_create_and_no_other()
    {
        var missing = schema.Tables.Except(_doc.Rows.Select(r => r.Table)).Order().ToList();
        var unknown = _doc.Rows.Select(r => r.Table).Except(schema.Tables).Order().ToList();

        Assert.True(missing.Count == 0, $"Tables missing from docs/scale-out.md's table: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"docs/scale-out.md names tables the migrations do not create: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_unique_key_of_a_distributed_table_holds_its_distribution_column_but_the_exceptions_the_doc_names()
    {
        var violations = (
            from row in _doc.Rows
            where row.DistributedBy is not null
            from key in schema.UniqueKeys
            where key.Table == row.Table && !key.Columns.Contains(row.DistributedBy)
            select key.Name).Order().ToList();

        Assert.Equal(s_exceptions, violations);
        Assert.All(s_exceptions, name => Assert.Contains($"`{name}`", _doc.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_distribution_column_exists_and_is_never_null()
    {
        foreach (var row in _doc.Rows.Where(r => r.DistributedBy is not null))
        {
            Assert.True(schema.NotNullColumns.Contains((row.Table, row.DistributedBy!)),
                $"{row.Table}.{row.DistributedBy} is the distribution column in docs/scale-out.md but is missing or nullable.");
        }
    }

    [Fact]
    public void A_table_the_doc_still_has_to_re_key_has_a_unique_key_without_member_id()
    {
        // Once every key of such a table holds member_id, its row should say it is distributed by member.
        foreach (var row in _doc.Rows.Where(r => r.ReKey))
        {
            Assert.True(schema.UniqueKeys.Any(key => key.Table == row.Table && !key.Columns.Contains("member_id")),
                $"Every unique key of {row.Table} holds member_id: docs/scale-out.md can say it is distributed by `member_id`.");
        }
    }
}

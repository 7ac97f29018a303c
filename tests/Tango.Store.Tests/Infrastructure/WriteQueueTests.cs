using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Tango.Store.Infrastructure;
using Tango.Store.Tests.Harness;

namespace Tango.Store.Tests.Infrastructure;

public sealed class WriteQueueTests
{
    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Many_concurrent_writes_all_commit_and_each_caller_gets_its_own_answer(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await OpenWithScratchTableAsync(store);
        var writers = kind == StoreKind.Postgres ? 4 : 1;
        await using var queue = new WriteQueue(db, new WriteQueueOptions { Writers = writers }, NullLogger<WriteQueue>.Instance);

        var writes = Enumerable.Range(1, 500)
            .Select(i => Task.Run(() => queue.RunAsync(scope => InsertAsync(scope, i, $"note-{i}"))))
            .ToArray();
        var answers = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"note-{i}"), answers);
        Assert.Equal(Enumerable.Range(1, 500), await IdsAsync(db));
        Assert.Equal(500, queue.ItemsCommitted);
        // Group commit: far fewer transactions than pieces of work.
        Assert.True(queue.BatchesCommitted < 500, $"{queue.BatchesCommitted} transactions for 500 writes");
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task A_piece_that_throws_fails_alone_and_the_rest_of_its_batch_commits(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await OpenWithScratchTableAsync(store);
        await using var queue = new WriteQueue(db, new WriteQueueOptions { Writers = 1 }, NullLogger<WriteQueue>.Instance);
        await queue.RunAsync(scope => InsertAsync(scope, 1000, "already there"));

        // Hold the single writer on a gate so everything queued behind it lands in one batch.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gated = queue.RunAsync(async scope =>
        {
            started.SetResult();
            await gate.Task;
            return await InsertAsync(scope, 0, "gate");
        });
        await started.Task;
        var before = queue.BatchesCommitted;
        var good = Enumerable.Range(1, 20).Select(i => queue.RunAsync(scope => InsertAsync(scope, i, $"note-{i}"))).ToList();
        var throws = queue.RunAsync<string>(async scope =>
        {
            await InsertAsync(scope, 500, "written, then the work throws");
            throw new InvalidOperationException("boom");
        });
        var duplicate = queue.RunAsync(scope => InsertAsync(scope, 1000, "a primary key that is taken"));
        good.AddRange(Enumerable.Range(21, 20).Select(i => queue.RunAsync(scope => InsertAsync(scope, i, $"note-{i}"))));
        gate.SetResult();

        Assert.Equal("gate", await gated);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"note-{i}"), await Task.WhenAll(good));
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => throws)).Message);
        var violation = await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.True(Database.IsUniqueViolation(violation), violation.ToString());
        Assert.Equal([0, .. Enumerable.Range(1, 40), 1000], await IdsAsync(db));
        Assert.Equal("already there", await NoteAsync(db, 1000));
        // The 42-piece batch was rolled back and its pieces rerun one by one.
        Assert.Equal(before + 1 + 40, queue.BatchesCommitted);
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Work_sees_the_writes_of_the_pieces_before_it_in_the_same_batch(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await OpenWithScratchTableAsync(store);
        await using var queue = new WriteQueue(db, new WriteQueueOptions { Writers = 1 }, NullLogger<WriteQueue>.Instance);

        var counts = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => queue.RunAsync(async scope =>
        {
            await InsertAsync(scope, i, "x");
            return await scope.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM scratch", transaction: scope.Transaction);
        })));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), counts);
    }

    private static async Task<Database> OpenWithScratchTableAsync(ScratchStore store)
    {
        var db = store.Open();
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE scratch (id integer PRIMARY KEY, note text NOT NULL)");
        return db;
    }

    private static async Task<string> InsertAsync(WriteScope scope, int id, string note)
    {
        await scope.Connection.ExecuteAsync("INSERT INTO scratch (id, note) VALUES (@id, @note)", new { id, note }, scope.Transaction);
        return await scope.Connection.ExecuteScalarAsync<string>("SELECT note FROM scratch WHERE id = @id", new { id }, scope.Transaction) ?? "";
    }

    private static async Task<List<int>> IdsAsync(Database db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QueryAsync<int>("SELECT id FROM scratch ORDER BY id")).ToList();
    }

    private static async Task<string?> NoteAsync(Database db, int id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT note FROM scratch WHERE id = @id", new { id });
    }
}

using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tango.Store.Infrastructure;

public sealed record WriteQueueOptions
{
    /// <summary>How many writer loops run; each holds one connection. SQLite has one writer at a time anyway.</summary>
    public int Writers { get; init; } = 1;

    /// <summary>The most pieces of work committed by one transaction.</summary>
    public int MaxBatch { get; init; } = 256;
}

/// <summary>
/// What a piece of write work runs inside: one open transaction shared with its batch, and a cache
/// that lives as long as that transaction (e.g. the program version, read once per batch).
/// </summary>
public sealed record WriteScope(Database Db, DbConnection Connection, DbTransaction Transaction)
{
    public Dictionary<string, object> Cache { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Work that runs many of its kind at once, in a fixed number of round trips (the purchase path).
/// It must behave exactly as if the inputs were run one after another, in order.
/// </summary>
public interface IBatchWork<TInput, TResult>
{
    Task<IReadOnlyList<TResult>> RunManyAsync(WriteScope scope, IReadOnlyList<TInput> inputs);
}

/// <summary>
/// Group commit. Callers hand in work; writer loops take whatever is waiting (up to MaxBatch),
/// run it in one transaction and commit once, then answer every caller. A caller is answered only
/// after its commit, so an acknowledged write survives a crash. If any work in a batch throws, the
/// batch is rolled back and each piece is rerun in a transaction of its own, so one bad request
/// cannot fail its neighbours. Work must therefore be repeatable: it may only change the database.
/// Each writer loop has its own queue. Work with a partition key (the member id) always goes to the
/// same loop, so one member's events commit in the order they arrived (a refund never overtakes its
/// purchase) and a node's writers never wait on each other's member locks. Each loop keeps its own
/// connection between batches, so a batch does not pay for taking a connection from the pool and resetting it.
/// </summary>
public sealed partial class WriteQueue : IAsyncDisposable
{
    private readonly Database _db;
    private readonly WriteQueueOptions _options;
    private readonly ILogger<WriteQueue> _logger;
    private readonly Channel<WorkItem>[] _channels;
    private readonly Task[] _writers;
    private int _nextUnkeyed;

    public WriteQueue(Database db, WriteQueueOptions options, ILogger<WriteQueue> logger)
    {
        _db = db;
        _options = options;
        _logger = logger;
        _channels = Enumerable.Range(0, Math.Max(1, options.Writers))
            .Select(_ => Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        _writers = _channels.Select(channel => Task.Run(() => WriterLoopAsync(channel.Reader))).ToArray();
    }

    public long BatchesCommitted => Interlocked.Read(ref _batches);
    public long ItemsCommitted => Interlocked.Read(ref _items);
    public long BatchFallbacks => Interlocked.Read(ref _fallbacks);
    public TimeSpan WorkTime => TimeSpan.FromTicks(Interlocked.Read(ref _workTicks));
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));
    public long Waiting => Interlocked.Read(ref _waiting);
    private long _waiting;
    private long _batches;
    private long _items;
    private long _fallbacks;
    private long _workTicks;
    private long _commitTicks;

    /// <param name="work">Runs inside the batch transaction; it must only change the database.</param>
    /// <param name="partitionKey">Work with the same key commits in the order it was handed in.</param>
    public Task<T> RunAsync<T>(Func<WriteScope, Task<T>> work, string? partitionKey = null)
    {
        var item = new WorkItem<T>(work);
        Enqueue(item, partitionKey);
        return item.Task;
    }

    /// <summary>Queues one input of batchable work; neighbours of the same work in a batch run together.</summary>
    public Task<TResult> RunAsync<TInput, TResult>(IBatchWork<TInput, TResult> work, TInput input, string? partitionKey = null)
    {
        var item = new BatchWorkItem<TInput, TResult>(work, input);
        Enqueue(item, partitionKey);
        return item.Task;
    }

    private void Enqueue(WorkItem item, string? partitionKey)
    {
        var spread = partitionKey is null ? Interlocked.Increment(ref _nextUnkeyed) : StableHash(partitionKey);
        var index = (int)(unchecked((uint)spread) % (uint)_channels.Length);
        Interlocked.Increment(ref _waiting);
        if (!_channels[index].Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The store is shutting down.");
        }
    }

    private static int StableHash(string key)
    {
        var hash = 17;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash;
    }

    private async Task WriterLoopAsync(ChannelReader<WorkItem> reader)
    {
        await using var writer = new WriterConnection(_db);
        var batch = new List<WorkItem>(_options.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            Interlocked.Add(ref _waiting, -batch.Count);
            if (batch.Count == 0)
            {
                continue;
            }
            await ExecuteBatchAsync(writer, batch);
        }
    }

    private async Task ExecuteBatchAsync(WriterConnection writer, List<WorkItem> batch)
    {
        if (batch.Count == 1)
        {
            await ExecuteAloneAsync(writer, batch[0]);
            return;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var connection = await writer.OpenAsync();
            await using var tx = await _db.BeginWriteAsync(connection);
            var scope = new WriteScope(_db, connection, tx);
            for (var i = 0; i < batch.Count;)
            {
                // Neighbouring pieces of the same batchable work run together.
                var run = 1;
                while (batch[i].Group is { } group && i + run < batch.Count && ReferenceEquals(batch[i + run].Group, group))
                {
                    run++;
                }
                await batch[i].ExecuteManyAsync(scope, batch.GetRange(i, run));
                i += run;
            }
            var committing = Stopwatch.GetTimestamp();
            await tx.CommitAsync();
            Interlocked.Add(ref _workTicks, Stopwatch.GetElapsedTime(started, committing).Ticks);
            Interlocked.Add(ref _commitTicks, Stopwatch.GetElapsedTime(committing).Ticks);
        }
        catch (Exception ex)
        {
            await writer.DiscardAsync();
            Interlocked.Increment(ref _fallbacks);
            LogBatchFallback(_logger, batch.Count, ex.GetType().Name);
            foreach (var item in batch)
            {
                await ExecuteAloneAsync(writer, item);
            }
            return;
        }
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, batch.Count);
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private async Task ExecuteAloneAsync(WriterConnection writer, WorkItem item)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await writer.OpenAsync();
                await using var tx = await _db.BeginWriteAsync(connection);
                await item.ExecuteAsync(new WriteScope(_db, connection, tx));
                await tx.CommitAsync();
                Interlocked.Increment(ref _batches);
                Interlocked.Increment(ref _items);
                item.Complete();
                return;
            }
            catch (Exception ex) when (Database.IsTransient(ex) && attempt < 5)
            {
                await writer.DiscardAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * attempt));
            }
            catch (Exception ex)
            {
                await writer.DiscardAsync();
                item.Fail(ex);
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Writer.TryComplete();
        }
        await Task.WhenAll(_writers);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "A batch of {Count} writes failed ({Error}); rerunning each alone")]
    private static partial void LogBatchFallback(ILogger logger, int count, string error);

    /// <summary>
    /// A writer loop's connection, opened on first use and kept; after a failure it is dropped and the
    /// next batch opens a fresh one, so a broken connection never outlives the batch that found it.
    /// </summary>
    private sealed class WriterConnection(Database db) : IAsyncDisposable
    {
        private DbConnection? _connection;

        public async Task<DbConnection> OpenAsync()
        {
            if (_connection is not null)
            {
                return _connection;
            }
            return _connection = await db.OpenConnectionAsync();
        }

        public async Task DiscardAsync()
        {
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.DisposeAsync();
            }
        }

        public ValueTask DisposeAsync() => new(DiscardAsync());
    }

    private abstract class WorkItem
    {
        /// <summary>The batchable work this item belongs to, or null for work that runs alone.</summary>
        public virtual object? Group => null;

        public abstract Task ExecuteAsync(WriteScope scope);

        public virtual Task ExecuteManyAsync(WriteScope scope, List<WorkItem> run) => ExecuteAsync(scope);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class WorkItem<T>(Func<WriteScope, Task<T>> work) : WorkItem
    {
        private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _tcs.Task;

        public override async Task ExecuteAsync(WriteScope scope) => _result = await work(scope);

        public override void Complete() => _tcs.TrySetResult(_result!);

        public override void Fail(Exception exception) => _tcs.TrySetException(exception);
    }

    private sealed class BatchWorkItem<TInput, TResult>(IBatchWork<TInput, TResult> work, TInput input) : WorkItem
    {
        private readonly TaskCompletionSource<TResult> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TResult? _result;

        public Task<TResult> Task => _tcs.Task;

        public override object Group => work;

        public override async Task ExecuteAsync(WriteScope scope) => _result = (await work.RunManyAsync(scope, [input]))[0];

        public override async Task ExecuteManyAsync(WriteScope scope, List<WorkItem> run)
        {
            var items = run.Cast<BatchWorkItem<TInput, TResult>>().ToList();
            var results = await work.RunManyAsync(scope, items.Select(i => i.Input).ToList());
            for (var i = 0; i < items.Count; i++)
            {
                items[i]._result = results[i];
            }
        }

        private TInput Input => input;

        public override void Complete() => _tcs.TrySetResult(_result!);

        public override void Fail(Exception exception) => _tcs.TrySetException(exception);
    }
}

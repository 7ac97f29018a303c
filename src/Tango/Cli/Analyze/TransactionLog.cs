using System.Globalization;
using System.Text;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>
/// A transaction file held as columns: customer index, day number and amount per row. Customer ids become
/// indexes through an <see cref="IdTable"/>, so a row allocates nothing.
/// </summary>
internal sealed class TransactionLog
{
    private int[] _customer = new int[1 << 16];
    private int[] _day = new int[1 << 16];
    private double[] _amount = new double[1 << 16];
    private readonly List<long> _firstLine = [];

    public IdTable Ids { get; } = new();

    public int Rows { get; private set; }

    public int LastDay { get; private set; } = int.MinValue;

    public static TransactionLog Read(CsvLines lines, int customerColumn, int dateColumn, int amountColumn, Action<long> progress)
    {
        var log = new TransactionLog();
        var needed = Math.Max(customerColumn, Math.Max(dateColumn, amountColumn)) + 1;
        Span<Range> fields = stackalloc Range[needed];
        Span<byte> scratch = stackalloc byte[256];
        while (lines.Next(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            if (CsvLines.Split(line, fields) < needed)
            {
                throw new InputError(lines.LineNumber, $"expected at least {needed} fields");
            }
            var id = CsvLines.Unescape(line[fields[customerColumn]], scratch);
            if (id.IsEmpty)
            {
                throw new InputError(lines.LineNumber, "no customer id");
            }
            var customer = log.Ids.IndexOf(id, out var added);
            if (added)
            {
                log._firstLine.Add(lines.LineNumber);
            }
            var day = ParseDay(line[fields[dateColumn]], lines.LineNumber);
            var amount = ParseAmount(line[fields[amountColumn]], lines.LineNumber);
            log.Add(customer, day, amount);
            if ((log.Rows & 0xFFFF) == 0)
            {
                progress(lines.Position);
            }
        }
        if (log.Rows == 0)
        {
            throw new InputError(Math.Max(lines.LineNumber, 1), "no transactions after the header");
        }
        return log;
    }

    /// <summary>
    /// The history of every customer who bought on or before the calibration end, in id order, with their indexes in
    /// <see cref="Ids"/>. A customer first seen after it belongs to the holdout period only: there is nothing of theirs
    /// to fit, so they are left out (and counted by the caller). When nobody bought by then, the error names the first row.
    /// </summary>
    public (CustomerHistory[] Histories, int[] Customers) Summarize(DateOnly calibrationEnd, DateOnly holdoutEnd, TimeUnit unit)
    {
        // Group the rows by customer with a counting sort: offsets, then one pass placing each row.
        var customers = Ids.Count;
        var offsets = new int[customers + 1];
        for (var i = 0; i < Rows; i++)
        {
            offsets[_customer[i] + 1]++;
        }
        for (var c = 0; c < customers; c++)
        {
            offsets[c + 1] += offsets[c];
        }
        var grouped = new Transaction[Rows];
        var next = (int[])offsets.Clone();
        for (var i = 0; i < Rows; i++)
        {
            grouped[next[_customer[i]]++] = new Transaction(_day[i], _amount[i]);
        }
        (_customer, _day, _amount) = ([], [], []);

        var histories = new CustomerHistory[customers];
        var missing = new bool[customers];
        Parallel.For(0, (customers + 4095) / 4096, chunk =>
        {
            for (var c = chunk * 4096; c < Math.Min(customers, (chunk + 1) * 4096); c++)
            {
                var history = CustomerSummaries.Summarize(grouped.AsSpan(offsets[c], offsets[c + 1] - offsets[c]), calibrationEnd, holdoutEnd, unit);
                missing[c] = history is null;
                histories[c] = history.GetValueOrDefault();
            }
        });
        var kept = Enumerable.Range(0, customers).Where(c => !missing[c]).ToArray();
        if (kept.Length == 0)
        {
            throw new InputError(_firstLine[0], $"no customer has a purchase on or before the calibration end {calibrationEnd:yyyy-MM-dd}");
        }
        return kept.Length == customers ? (histories, kept) : ([.. kept.Select(c => histories[c])], kept);
    }

    private void Add(int customer, int day, double amount)
    {
        if (Rows == _customer.Length)
        {
            Array.Resize(ref _customer, Rows * 2);
            Array.Resize(ref _day, Rows * 2);
            Array.Resize(ref _amount, Rows * 2);
        }
        (_customer[Rows], _day[Rows], _amount[Rows]) = (customer, day, amount);
        Rows++;
        LastDay = Math.Max(LastDay, day);
    }

    /// <summary>YYYY-MM-DD, optionally followed by 'T' or ' ' and a time of day, or YYYYMMDD.</summary>
    private static int ParseDay(ReadOnlySpan<byte> text, long line)
    {
        int year, month, day;
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-' && (text.Length == 10 || text[10] is (byte)'T' or (byte)' ' or (byte)'t'))
        {
            (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]));
        }
        else if (text.Length == 8)
        {
            (year, month, day) = (Digits(text[..4]), Digits(text[4..6]), Digits(text[6..8]));
        }
        else
        {
            year = month = day = -1;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new InputError(line, $"'{Encoding.UTF8.GetString(text)}' is not a date (YYYY-MM-DD or a date-time)");
        }
        return new DateOnly(year, month, day).DayNumber;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }
            value = (value * 10) + (b - '0');
        }
        return value;
    }

    private static double ParseAmount(ReadOnlySpan<byte> text, long line)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount))
        {
            throw new InputError(line, $"'{Encoding.UTF8.GetString(text)}' is not an amount");
        }
        if (amount < 0)
        {
            throw new InputError(line, $"negative amount {Encoding.UTF8.GetString(text)}: refunds are not purchases; net them out first");
        }
        return amount;
    }
}

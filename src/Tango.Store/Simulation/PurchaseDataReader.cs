using System.Text.Json;
using Tango.Domain.Ledger;

namespace Tango.Store.Simulation;

/// <summary>
/// Reads what earning needs (total, lines, channel, paid shares) from a stored purchase event's data with a
/// forward-only reader: a million of them must parse in a second or two. Skus, categories, channels, member
/// ids and whole lines (a sku at its price) repeat endlessly, so each distinct one is kept once: a million
/// purchases then hold a few million fewer objects for the garbage collector to trace while they are replayed.
/// </summary>
internal sealed class PurchaseDataReader
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderLine, OrderLine> _lines = [];

    /// <summary>The payment fingerprint of the purchase read last, if its data had one.</summary>
    public string? Fingerprint { get; private set; }

    public Purchase Read(ReadOnlySpan<byte> json, decimal fallbackTotal, DateTimeOffset at)
    {
        var reader = new Utf8JsonReader(json);
        Fingerprint = null;
        decimal? total = null;
        decimal paidWithPoints = 0, paidWithWallet = 0;
        string? channel = null;
        OrderLine[]? lines = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new Purchase(fallbackTotal, [], null, at);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "total" when reader.TokenType == JsonTokenType.Number:
                    total = reader.GetDecimal();
                    break;
                case "channel" when reader.TokenType == JsonTokenType.String:
                    channel = Intern(reader.GetString()!);
                    break;
                case "paidWithPoints" when reader.TokenType == JsonTokenType.Number:
                    paidWithPoints = reader.GetDecimal();
                    break;
                case "paidWithWallet" when reader.TokenType == JsonTokenType.Number:
                    paidWithWallet = reader.GetDecimal();
                    break;
                case "paymentFingerprint" when reader.TokenType == JsonTokenType.String:
                    Fingerprint = reader.GetString();
                    break;
                case "lines" when reader.TokenType == JsonTokenType.StartArray:
                    lines = ReadLines(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Purchase(total ?? fallbackTotal, lines ?? [], channel, at)
        {
            PaidWithPoints = paidWithPoints,
            PaidWithWallet = paidWithWallet,
        };
    }

    private OrderLine[] ReadLines(ref Utf8JsonReader reader)
    {
        var lines = new List<OrderLine>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string sku = "";
            string? category = null;
            decimal quantity = 0, unitPrice = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "sku" when reader.TokenType == JsonTokenType.String:
                        sku = Intern(reader.GetString()!);
                        break;
                    case "category" when reader.TokenType == JsonTokenType.String:
                        category = Intern(reader.GetString()!);
                        break;
                    case "quantity" when reader.TokenType == JsonTokenType.Number:
                        quantity = reader.GetDecimal();
                        break;
                    case "unitPrice" when reader.TokenType == JsonTokenType.Number:
                        unitPrice = reader.GetDecimal();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            var line = new OrderLine(sku, category, quantity, unitPrice);
            if (!_lines.TryGetValue(line, out var known))
            {
                _lines[line] = known = line;
            }
            lines.Add(known);
        }
        return [.. lines];
    }

    public string Intern(string value)
    {
        if (_names.TryGetValue(value, out var known))
        {
            return known;
        }
        _names[value] = value;
        return value;
    }
}

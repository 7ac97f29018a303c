using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>summary.csv and customers.csv, one line per customer in the order they first appear in the input.</summary>
internal static class AnalysisFiles
{
    public static void WriteSummary(string path, List<string> ids, CustomerSummary[] summaries)
    {
        using var csv = new CsvOut(path, "customer_id,frequency,recency,T,monetary");
        for (var i = 0; i < summaries.Length; i++)
        {
            var s = summaries[i];
            csv.Text(ids[i]);
            csv.Number(s.Frequency);
            csv.Number(s.Recency);
            csv.Number(s.T);
            csv.Number(s.Monetary);
            csv.EndLine();
        }
    }

    public static void WriteCustomers(string path, List<string> ids, CustomerScore[] scores, string[] segments)
    {
        using var csv = new CsvOut(path, "customer_id,pAlive,expectedPurchases,clv,rfmSegment");
        for (var i = 0; i < scores.Length; i++)
        {
            csv.Text(ids[i]);
            csv.Number(scores[i].PAlive);
            csv.Number(scores[i].ExpectedPurchases);
            csv.Number(scores[i].Clv);
            csv.Text(segments[i]);
            csv.EndLine();
        }
    }
}

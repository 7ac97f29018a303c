using System.Text.Encodings.Web;
using System.Text.Json;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>model.json: the fitted parameters (null where a fit did not converge, with its reason), and the holdout check.</summary>
internal static class ModelJson
{
    public static void Write(string path, Analysis analysis)
    {
        using var stream = File.Create(path);
        // Relaxed escaping keeps the reasons readable (a → 0, b → ∞); the file is data, never HTML.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        Fit(json, "bgnbd", analysis.BgNbd, m => [("r", m.R), ("alpha", m.Alpha), ("a", m.A), ("b", m.B)]);
        if (analysis.GammaGamma is { } spend)
        {
            Fit(json, "gammaGamma", spend, m => [("p", m.P), ("q", m.Q), ("v", m.V)]);
        }
        else
        {
            json.WriteNull("gammaGamma");
        }
        json.WriteString("input", analysis.Kind);
        json.WriteNumber("customers", analysis.Summaries.Length);
        // Customers whose first purchase came after the calibration end: in the holdout period only, so not in the fit.
        json.WriteNumber("holdoutOnlyCustomers", analysis.HoldoutOnly);
        json.WriteString("unit", analysis.Options.Unit == TimeUnit.Weeks ? "weeks" : "days");
        if (analysis.CalibrationEnd is { } end)
        {
            json.WriteString("calibrationEnd", end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        json.WriteNumber("horizon", analysis.Options.Horizon);
        json.WriteNumber("discountRate", analysis.Options.DiscountRate);
        Holdout(json, analysis);
        json.WriteEndObject();
    }

    private static void Fit<T>(Utf8JsonWriter json, string name, ModelFit<T> fit, Func<T, (string Name, double Value)[]> parameters)
        where T : struct
    {
        json.WriteStartObject(name);
        foreach (var (parameter, value) in parameters(fit.Model))
        {
            Number(json, parameter, fit.Converged ? value : double.NaN);
        }
        Number(json, "logLikelihood", fit.Converged ? fit.LogLikelihood : double.NaN);
        json.WriteBoolean("converged", fit.Converged);
        json.WriteBoolean("degenerate", fit.Degenerate);
        json.WriteString("reason", fit.Reason);
        if (fit.Degenerate)
        {
            // Where the parameters went, in words: the numbers where the search stopped mean nothing.
            json.WriteStartObject("edges");
            foreach (var edge in fit.Edges)
            {
                json.WriteString(edge.Name, edge.TowardInfinity ? "infinity" : "zero");
            }
            json.WriteEndObject();
        }
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteNumber("customers", fit.Customers);
        if (fit.StandardErrors is { } errors)
        {
            json.WriteStartObject("standardErrors");
            foreach (var (parameter, value) in parameters(errors))
            {
                Number(json, parameter, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Holdout(Utf8JsonWriter json, Analysis analysis)
    {
        if (analysis.Holdout is not { } holdout)
        {
            json.WriteNull("holdout");
            return;
        }
        json.WriteStartObject("holdout");
        json.WriteString("from", holdout.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("to", holdout.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("length", holdout.Length);
        json.WriteString("compares", "mean repeat purchase days per customer in the holdout period: counted, and the BG/NBD conditional expectation");
        json.WriteStartArray("groups");
        foreach (var group in holdout.Groups)
        {
            json.WriteStartObject();
            json.WriteString("frequency", group.Frequency);
            json.WriteNumber("customers", group.Customers);
            json.WriteNumber("actual", group.Actual);
            json.WriteNumber("predicted", group.Predicted);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

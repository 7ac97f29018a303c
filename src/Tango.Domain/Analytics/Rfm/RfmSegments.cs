namespace Tango.Domain.Analytics.Rfm;

/// <summary>
/// The segment of every (R, F, M) score: a grid over R and FM = (F + M) / 2, after the widely used
/// R × FM segment table, made disjoint so that each of the 125 scores lands in exactly one segment.
/// docs/analytics.md holds the same table.
/// </summary>
public static class RfmSegments
{
    private const RfmSegment Ch = RfmSegment.Champions;
    private const RfmSegment Lo = RfmSegment.Loyal;
    private const RfmSegment Pl = RfmSegment.PotentialLoyalists;
    private const RfmSegment Nw = RfmSegment.New;
    private const RfmSegment Pr = RfmSegment.Promising;
    private const RfmSegment Na = RfmSegment.NeedAttention;
    private const RfmSegment As = RfmSegment.AboutToSleep;
    private const RfmSegment Ar = RfmSegment.AtRisk;
    private const RfmSegment Cl = RfmSegment.CantLoseThem;
    private const RfmSegment Hi = RfmSegment.Hibernating;
    private const RfmSegment Ls = RfmSegment.Lost;

    // Rows R = 5 down to 1; columns FM = 1, 1.5, 2, …, 5 (F + M = 2 … 10).
    private static readonly RfmSegment[] Map =
    [
        Nw, Pl, Pl, Pl, Lo, Lo, Ch, Ch, Ch,
        Pr, Pl, Pl, Pl, Lo, Lo, Ch, Ch, Ch,
        Pr, As, Na, Na, Na, Lo, Lo, Lo, Lo,
        Hi, Hi, As, As, Ar, Ar, Ar, Cl, Cl,
        Ls, Ls, Hi, Hi, Ar, Ar, Ar, Cl, Cl,
    ];

    private static readonly string[] Names =
    [
        "champions", "loyal", "potential-loyalists", "new", "promising", "need-attention",
        "about-to-sleep", "at-risk", "cant-lose-them", "hibernating", "lost",
    ];

    /// <summary>Every segment, in the order the API lists them (best first).</summary>
    public static IReadOnlyList<RfmSegment> All { get; } = Array.AsReadOnly(Enum.GetValues<RfmSegment>());

    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public static RfmSegment Of(int r, int f, int m)
    {
        CheckScore(r, nameof(r));
        CheckScore(f, nameof(f));
        CheckScore(m, nameof(m));
        return Map[((5 - r) * 9) + f + m - 2];
    }

    /// <summary>The API value, e.g. <c>cant-lose-them</c>.</summary>
    public static string Name(this RfmSegment segment) =>
        segment >= 0 && (int)segment < Names.Length ? Names[(int)segment] : throw new ArgumentOutOfRangeException(nameof(segment), segment, null);

    public static bool TryParse(string? name, out RfmSegment segment)
    {
        var index = Array.IndexOf(Names, name);
        segment = index < 0 ? default : (RfmSegment)index;
        return index >= 0;
    }

    private static void CheckScore(int score, string name)
    {
        if (score is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(name, score, "An RFM score is 1–5.");
        }
    }
}

namespace Tango.Domain.Analytics;

/// <summary>
/// A maximum-likelihood fit. When <see cref="Converged"/> is false the parameters are where the search stopped
/// and must not be reported as estimates: <see cref="Reason"/> says what went wrong.
/// </summary>
/// <param name="StandardErrors">Asymptotic standard errors of the parameters (from the observed information), in
/// the parameters' own places; null when the fit did not converge.</param>
/// <param name="Customers">How many customers the likelihood was summed over.</param>
public sealed record ModelFit<TModel>(
    TModel Model,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    string Reason,
    int Customers,
    TModel? StandardErrors)
    where TModel : struct
{
    /// <summary>
    /// For a degenerate fit (it ran to the edge of the parameter space), the parameters that went there; empty otherwise.
    /// <see cref="Reason"/> then starts with "degenerate:" and says what the edge means.
    /// </summary>
    public IReadOnlyList<ParameterEdge> Edges { get; init; } = [];

    public bool Degenerate => Edges.Count > 0;
}

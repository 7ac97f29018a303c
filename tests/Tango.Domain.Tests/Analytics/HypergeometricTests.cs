using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

public sealed class HypergeometricTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Matches_the_closed_form_of_2F1_1_1_2(double z)
    {
        var expected = -Math.Log(1 - z) / z;

        Assert.Equal(expected, Math.Exp(Hypergeometric.Log2F1(1, 1, 2, z)), expected * 1e-13);
    }

    [Theory]
    [InlineData(0.25, 3.5, 0.5)]
    [InlineData(600.5, 1.5, 0.9)]
    [InlineData(1500, 700, 0.99)]
    public void Matches_the_closed_form_of_2F1_a_b_b_even_beyond_double_range(double a, double b, double z)
    {
        // (1 − z)^−a is e^6908 for the last case: only its logarithm is representable.
        var expected = -a * Math.Log(1 - z);

        Assert.Equal(expected, Hypergeometric.Log2F1(a, b, b, z), Math.Abs(expected) * 1e-13);
    }

    [Fact]
    public void Matches_a_terminating_series_with_a_negative_integer_parameter()
    {
        // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b + 1)z² / (c(c + 1)).
        const double b = 3.5, c = 1.25, z = 0.6;
        var expected = 1 - (2 * b * z / c) + (b * (b + 1) * z * z / (c * (c + 1)));

        Assert.Equal(Math.Log(expected), Hypergeometric.Log2F1(-2, b, c, z), 1e-14);
    }

    [Fact]
    public void Is_not_a_number_outside_its_domain()
    {
        Assert.True(double.IsNaN(Hypergeometric.Log2F1(1, 1, 2, 1)));
        Assert.True(double.IsNaN(Hypergeometric.Log2F1(1, 1, 2, -0.1)));
        Assert.True(double.IsNaN(Hypergeometric.Log2F1(1, 1, -2, 0.5)));
    }
}

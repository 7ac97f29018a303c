namespace Tango.Domain.Analytics;

/// <summary>Inverts a small symmetric matrix through its Cholesky factor, which exists only if it is positive definite.</summary>
internal static class Cholesky
{
    /// <returns>The inverse, or null when the matrix is not (numerically) positive definite.</returns>
    public static double[,]? Inverse(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var l = new double[n, n];
        var largest = 0.0;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, Math.Abs(matrix[i, i]));
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }
                if (i == j)
                {
                    // A pivot lost in rounding noise means a direction the likelihood does not curve in.
                    if (!(sum > 1e-10 * largest))
                    {
                        return null;
                    }
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }
        // Solve L Lᵀ X = I one column at a time.
        var inverse = new double[n, n];
        var column = new double[n];
        for (var c = 0; c < n; c++)
        {
            for (var i = 0; i < n; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * column[k];
                }
                column[i] = sum / l[i, i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = column[i];
                for (var k = i + 1; k < n; k++)
                {
                    sum -= l[k, i] * column[k];
                }
                column[i] = sum / l[i, i];
            }
            for (var i = 0; i < n; i++)
            {
                inverse[i, c] = column[i];
            }
        }
        return inverse;
    }
}

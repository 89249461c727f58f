namespace Impact.Analytics.Statistics;

/// <summary>
/// The seeded generator of the simulator and of the bootstrap: xoshiro256** seeded through SplitMix64, so that a seed gives
/// the same numbers on every runtime and platform. Only +, −, ×, ÷ and square roots are used on top of it
/// (no Exp, Log or Sin, whose last bit may differ between platforms), so that simulated files are
/// byte-identical wherever they are generated. Independent streams (one per workshop and per part of the cohort) keep one
/// workshop's history from shifting when another one draws more numbers.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator for <paramref name="seed"/> and an independent <paramref name="stream"/> of it.</summary>
    public SeededRandom(int seed, ulong stream = 0)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0xD1B54A32D192ED03UL) ^ 0x5DEECE66DUL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive)
    {
        if (maxExclusive <= min)
        {
            return min;
        }

        return min + (int)((NextBits() >> 1) % (ulong)(maxExclusive - min));
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>
    /// A standard normal deviate, approximated by the sum of twelve uniforms minus six (Irwin–Hall):
    /// mean 0, variance 1, bounded by ±6, and computed without transcendental functions.
    /// </summary>
    public double Normal()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return sum - 6.0;
    }

    /// <summary>A normal deviate with the given mean and standard deviation, cut at ±3 standard deviations (symmetric, so the mean is kept).</summary>
    public double Normal(double mean, double sd) => mean + (sd * Math.Clamp(Normal(), -3.0, 3.0));

    /// <summary>
    /// A count with mean <paramref name="mean"/>: binomial with 40 trials below 10 (close to Poisson),
    /// a rounded normal of variance equal to the mean above.
    /// </summary>
    public int Count(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean < 10)
        {
            var p = mean / 40.0;
            var count = 0;
            for (var i = 0; i < 40; i++)
            {
                if (NextDouble() < p)
                {
                    count++;
                }
            }

            return count;
        }

        return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Math.Clamp(Normal(), -4.0, 4.0)), MidpointRounding.AwayFromZero));
    }

    /// <summary>Binomial: how many of <paramref name="trials"/> succeed with probability <paramref name="probability"/>.</summary>
    public int Binomial(int trials, double probability)
    {
        var count = 0;
        for (var i = 0; i < trials; i++)
        {
            if (NextDouble() < probability)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>One item of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>The index of a weighted choice.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

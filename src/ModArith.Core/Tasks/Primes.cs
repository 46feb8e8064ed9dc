namespace ModArith.Core.Tasks;

public static class Primes
{
    public static bool IsPrime(int n)
    {
        if (n < 2) return false;
        for (int d = 2; (long)d * d <= n; d++)
            if (n % d == 0) return false;
        return true;
    }
}

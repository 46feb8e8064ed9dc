namespace ModArith.Core.Tasks;

/// <summary>One task of the family: z = a·x + b·y (mod p), identified by its vector (a, b).</summary>
public readonly record struct ModularTask(int A, int B)
{
    public int Apply(int x, int y, int p) => (A * x + B * y) % p;

    public override string ToString() => $"({A}, {B})";
}

/// <summary>An (x, y) input pair; the same pair split is shared by every task.</summary>
public readonly record struct InputPair(int X, int Y);

namespace ModArith.Core.Analysis;

/// <summary>One in-context example [x y z] of a sequence.</summary>
public readonly record struct ContextExample(int X, int Y, int Z);

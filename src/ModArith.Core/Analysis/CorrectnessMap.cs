namespace ModArith.Core.Analysis;

/// <summary>
/// The model on every query (x, y) of the p×p grid after a fixed context: Prediction[x][y], whether
/// it is Correct, and whether ratio matching / modular regression could answer that query from the
/// same context. Accuracy and coverage are fractions of the p² queries; ContextRank is the rank of
/// the context's inputs over Z_p. AccuracyWhere… is the model's accuracy on the queries an algorithm
/// covers (null when it covers none).
/// </summary>
public sealed record CorrectnessMap(
    int[][] Prediction, bool[][] Correct, bool[][] RatioMatching, bool[][] ModularRegression,
    double Accuracy, double RatioMatchingCoverage, double ModularRegressionCoverage,
    double? AccuracyWhereRatioMatching, double? AccuracyWhereModularRegression, int ContextRank);

namespace ModArith.Web.Api;

/// <summary>A run's tasks and pairs (GET /api/runs/{id}/tasks): i.d. tasks [a, b], o.o.d. tasks [a, b] and training pairs [x, y].</summary>
public sealed record RunTasksDto(int[][] Id, int[][] Ood, int[][] TrainPairs);

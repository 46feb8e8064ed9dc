using System.Text;
using System.Text.Json;
using ModArith.Core.Config;
using ModArith.Core.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModArith.Core.Training;

/// <summary>
/// What a checkpoint records besides tensors: enough to rebuild the run (config) and continue it
/// bit for bit (step, the batch generator's state, the early-stopping bookkeeping).
/// </summary>
public sealed record CheckpointHeader
{
    public required RunConfig Config { get; init; }
    public required int Step { get; init; }
    public required CheckpointKind Kind { get; init; }
    public required double WallSeconds { get; init; }
    public required byte[] BatchGeneratorState { get; init; }
    public required int BestOodStep { get; init; }
    public required double BestOodAccuracy { get; init; }
    /// <summary>Evaluations since o.o.d. test accuracy last improved, for the stopPatience rule (absent in older checkpoints: 0).</summary>
    public int EvaluationsSinceOodImprovement { get; init; }
    /// <summary>Training-loss sum and step count since the last evaluation, so the next reported train loss is the same as without the stop.</summary>
    public double LossSinceEvaluation { get; init; }
    public int StepsSinceEvaluation { get; init; }
    /// <summary>
    /// The evaluation made at this checkpoint's step, if any. It cannot be recomputed later (its
    /// train loss averages steps before the checkpoint), so a resume can restore it when the process
    /// died before the evaluation was stored.
    /// </summary>
    public EvaluationResult? Evaluation { get; init; }
    public DateTimeOffset SavedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// One-file checkpoint: a magic line, a JSON header, then the model's and the optimizer's state
/// in TorchSharp's binary format. Written to a temp file and renamed, so a crash never leaves a
/// torn checkpoint behind.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "MODARITH-CHECKPOINT v1";

    // Before the first evaluation the best o.o.d. accuracy is -Infinity, which plain JSON cannot
    // hold; a run cancelled that early must still save its checkpoint.
    private static readonly JsonSerializerOptions HeaderJson = new(ConfigJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Save(string path, CheckpointHeader header, Gpt model, OptimizerHelper? optimizer)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(header, HeaderJson));
            writer.Write(optimizer is not null);
            model.save(writer);
            optimizer?.save_state_dict(writer);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static CheckpointHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads weights (and optimizer state when given and stored) into existing objects.</summary>
    public static CheckpointHeader Load(string path, Gpt model, OptimizerHelper? optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var header = ReadHeader(reader, path);
        bool hasOptimizer = reader.ReadBoolean();
        model.load(reader);
        if (optimizer is not null && hasOptimizer) optimizer.load_state_dict(reader);
        return header;
    }

    /// <summary>Rebuilds the model of a checkpoint on a device, in inference mode.</summary>
    public static (Gpt Model, CheckpointHeader Header) LoadModel(string path, Device device)
    {
        var header = ReadHeader(path);
        var model = new Gpt(ModelShape.From(header.Config));
        Load(path, model, optimizer: null);
        model.to(device);
        model.eval();
        return (model, header);
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        string magic;
        try { magic = reader.ReadString(); }
        catch (EndOfStreamException) { magic = ""; }
        if (magic != Magic) throw new InvalidDataException($"{path} is not a ModArith checkpoint");
        return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString(), HeaderJson)
               ?? throw new InvalidDataException($"{path} has an empty header");
    }
}

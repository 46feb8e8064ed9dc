using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModArith.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                    Preset = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Device = table.Column<string>(type: "TEXT", nullable: true),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: false, defaultValue: ""),
                    Tags = table.Column<string>(type: "TEXT", nullable: false, defaultValue: ""),
                    CurrentStep = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalSteps = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsPerSecond = table.Column<double>(type: "REAL", nullable: true),
                    CheckpointDirectory = table.Column<string>(type: "TEXT", nullable: true),
                    BestIdTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    BestIdTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    BestOodTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    BestOodTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    BestOodStep = table.Column<int>(type: "INTEGER", nullable: true),
                    FinalIdTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    FinalIdTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    FinalOodTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    FinalOodTestAccuracy = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Checkpoints_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MetricPoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    WallSeconds = table.Column<double>(type: "REAL", nullable: false),
                    LearningRate = table.Column<double>(type: "REAL", nullable: false),
                    TrainLoss = table.Column<double>(type: "REAL", nullable: false),
                    IdTrainLoss = table.Column<double>(type: "REAL", nullable: true),
                    IdTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    IdTrainLastShotAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    IdTestLoss = table.Column<double>(type: "REAL", nullable: true),
                    IdTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    IdTestLastShotAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    OodTrainLoss = table.Column<double>(type: "REAL", nullable: true),
                    OodTrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    OodTrainLastShotAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    OodTestLoss = table.Column<double>(type: "REAL", nullable: true),
                    OodTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    OodTestLastShotAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    PerShotJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MetricPoints_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_RunId_Kind_Step",
                table: "Checkpoints",
                columns: new[] { "RunId", "Kind", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MetricPoints_RunId_Step",
                table: "MetricPoints",
                columns: new[] { "RunId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_CreatedAt",
                table: "Runs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status",
                table: "Runs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "MetricPoints");

            migrationBuilder.DropTable(
                name: "Runs");
        }
    }
}

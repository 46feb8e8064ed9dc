using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModArith.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddStructureMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttentionJson",
                table: "MetricPoints",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "EmbeddingTopFrequencyShare",
                table: "MetricPoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "IdCopyFreeAccuracy",
                table: "MetricPoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ModularRegressionAgreement",
                table: "MetricPoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "OodCopyFreeAccuracy",
                table: "MetricPoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RatioMatchingAgreement",
                table: "MetricPoints",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttentionJson",
                table: "MetricPoints");

            migrationBuilder.DropColumn(
                name: "EmbeddingTopFrequencyShare",
                table: "MetricPoints");

            migrationBuilder.DropColumn(
                name: "IdCopyFreeAccuracy",
                table: "MetricPoints");

            migrationBuilder.DropColumn(
                name: "ModularRegressionAgreement",
                table: "MetricPoints");

            migrationBuilder.DropColumn(
                name: "OodCopyFreeAccuracy",
                table: "MetricPoints");

            migrationBuilder.DropColumn(
                name: "RatioMatchingAgreement",
                table: "MetricPoints");
        }
    }
}

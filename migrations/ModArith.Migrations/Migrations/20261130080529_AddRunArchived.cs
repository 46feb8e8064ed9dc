using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModArith.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AddRunArchived : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Archived",
                table: "Runs",
                column: "Archived");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_Archived",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Archived",
                table: "Runs");
        }
    }
}

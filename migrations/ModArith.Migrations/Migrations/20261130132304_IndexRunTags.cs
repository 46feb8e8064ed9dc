using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModArith.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IndexRunTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Runs_Tags",
                table: "Runs",
                column: "Tags");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_Tags",
                table: "Runs");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntriesByPeriodEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_item_id_period",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_item_id_period_end_period",
                table: "entries",
                columns: new[] { "item_id", "period_end", "period" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_item_id_period_end_period",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "ix_entries_item_id_period",
                table: "entries",
                columns: new[] { "item_id", "period" },
                unique: true);
        }
    }
}

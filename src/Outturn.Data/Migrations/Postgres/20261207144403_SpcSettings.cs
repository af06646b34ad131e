using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SpcSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "spc_fix_after",
                table: "items",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "spc_screen_outliers",
                table: "items",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "spc_fix_after",
                table: "items");

            migrationBuilder.DropColumn(
                name: "spc_screen_outliers",
                table: "items");
        }
    }
}

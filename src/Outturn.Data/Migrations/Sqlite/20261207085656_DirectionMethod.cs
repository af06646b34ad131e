using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DirectionMethod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "direction_method",
                table: "organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: "two_point");

            migrationBuilder.AddColumn<string>(
                name: "direction_method",
                table: "items",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "direction_method",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "direction_method",
                table: "items");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecondValue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "second_value",
                table: "entries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "second_value",
                table: "entries");
        }
    }
}

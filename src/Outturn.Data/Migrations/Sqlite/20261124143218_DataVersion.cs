using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "data_version",
                table: "organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "data_version",
                table: "organisations");
        }
    }
}

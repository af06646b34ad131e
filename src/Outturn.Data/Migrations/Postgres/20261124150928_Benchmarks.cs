using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Benchmarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "benchmark_national",
                table: "entries",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "benchmark_neighbours",
                table: "entries",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "benchmark_regional",
                table: "entries",
                type: "numeric",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "benchmark_national",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "benchmark_neighbours",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "benchmark_regional",
                table: "entries");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outturn.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NationalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "area_code",
                table: "organisations",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "comparator_group",
                table: "organisations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "small_numbers",
                table: "organisations",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "benchmark_metric",
                table: "items",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    parent_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    successor_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "comparator_groups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comparator_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metrics",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    key_upper = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    rate_per = table.Column<double>(type: "double precision", nullable: true),
                    polarity = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metrics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "national_values",
                columns: table => new
                {
                    metric_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    period = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period_end = table.Column<int>(type: "integer", nullable: false),
                    period_kind = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    count = table.Column<double>(type: "double precision", nullable: true),
                    denominator = table.Column<double>(type: "double precision", nullable: true),
                    lower95 = table.Column<double>(type: "double precision", nullable: true),
                    upper95 = table.Column<double>(type: "double precision", nullable: true),
                    lower998 = table.Column<double>(type: "double precision", nullable: true),
                    upper998 = table.Column<double>(type: "double precision", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_values", x => new { x.metric_id, x.period_end, x.period, x.area_code });
                });

            migrationBuilder.CreateTable(
                name: "comparator_members",
                columns: table => new
                {
                    group_id = table.Column<int>(type: "integer", nullable: false),
                    for_area = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comparator_members", x => new { x.group_id, x.for_area, x.area_code });
                    table.ForeignKey(
                        name: "fk_comparator_members_comparator_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "comparator_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_areas_successor_code",
                table: "areas",
                column: "successor_code");

            migrationBuilder.CreateIndex(
                name: "ix_comparator_groups_name",
                table: "comparator_groups",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_metrics_key_upper",
                table: "metrics",
                column: "key_upper",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "comparator_members");

            migrationBuilder.DropTable(
                name: "metrics");

            migrationBuilder.DropTable(
                name: "national_values");

            migrationBuilder.DropTable(
                name: "comparator_groups");

            migrationBuilder.DropColumn(
                name: "area_code",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "comparator_group",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "small_numbers",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "benchmark_metric",
                table: "items");
        }
    }
}

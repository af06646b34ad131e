using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outturn.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicationVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "corrected_at",
                table: "publications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "corrected_by",
                table: "publications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "correction_note",
                table: "publications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "publications",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "withdrawn_at",
                table: "publications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by",
                table: "publications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_reason",
                table: "publications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "publication_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    publication_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_publication_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_publication_versions_publications_publication_id",
                        column: x => x.publication_id,
                        principalTable: "publications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_publication_versions_publication_id_version",
                table: "publication_versions",
                columns: new[] { "publication_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "publication_versions");

            migrationBuilder.DropColumn(
                name: "corrected_at",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "corrected_by",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "correction_note",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "version",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "withdrawn_by",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "withdrawn_reason",
                table: "publications");
        }
    }
}

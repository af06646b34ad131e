using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringReportDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "covering_report_drafts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    committee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    meeting = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    layout = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    saved_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    saved_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covering_report_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_covering_report_drafts_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_covering_report_drafts_organisation_id_committee_meeting_version",
                table: "covering_report_drafts",
                columns: new[] { "organisation_id", "committee", "meeting", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "covering_report_drafts");
        }
    }
}

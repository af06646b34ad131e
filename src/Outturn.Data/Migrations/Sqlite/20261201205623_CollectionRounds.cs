using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outturn.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CollectionRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "deadline_rule",
                table: "organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "10 working days");

            migrationBuilder.AddColumn<string>(
                name: "holiday_region",
                table: "organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "england-and-wales");

            migrationBuilder.AddColumn<string>(
                name: "deadline",
                table: "items",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deputy_id",
                table: "asp_net_users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "manager_id",
                table: "asp_net_users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "collection_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_records_items_item_id",
                        column: x => x.item_id,
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_records_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holidays", x => x.id);
                    table.ForeignKey(
                        name: "fk_holidays_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_deputy_id",
                table: "asp_net_users",
                column: "deputy_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_manager_id",
                table: "asp_net_users",
                column: "manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_records_item_id_period",
                table: "collection_records",
                columns: new[] { "item_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_collection_records_organisation_id",
                table: "collection_records",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_holidays_organisation_id_date",
                table: "holidays",
                columns: new[] { "organisation_id", "date" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_asp_net_users_asp_net_users_deputy_id",
                table: "asp_net_users",
                column: "deputy_id",
                principalTable: "asp_net_users",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_asp_net_users_asp_net_users_manager_id",
                table: "asp_net_users",
                column: "manager_id",
                principalTable: "asp_net_users",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_asp_net_users_asp_net_users_deputy_id",
                table: "asp_net_users");

            migrationBuilder.DropForeignKey(
                name: "fk_asp_net_users_asp_net_users_manager_id",
                table: "asp_net_users");

            migrationBuilder.DropTable(
                name: "collection_records");

            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_deputy_id",
                table: "asp_net_users");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_manager_id",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "deadline_rule",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "holiday_region",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "deadline",
                table: "items");

            migrationBuilder.DropColumn(
                name: "deputy_id",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "manager_id",
                table: "asp_net_users");
        }
    }
}

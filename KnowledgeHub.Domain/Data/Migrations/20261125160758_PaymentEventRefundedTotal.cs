using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeHub.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaymentEventRefundedTotal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RefundedTotalCurrency",
                table: "PaymentEvents",
                type: "TEXT",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "RefundedTotalMinor",
                table: "PaymentEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefundedTotalCurrency",
                table: "PaymentEvents");

            migrationBuilder.DropColumn(
                name: "RefundedTotalMinor",
                table: "PaymentEvents");
        }
    }
}

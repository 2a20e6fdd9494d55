using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Data;

internal static class DbUpdateExceptionExtensions
{
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A unique index refused the row: someone saved the same thing a moment earlier.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique };
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeHub.Domain.Data.Migrations
{
    /// <summary>
    /// Hand-written, with no model change (so no Designer file and no snapshot change): the search structures behind
    /// <c>CatalogSearchService</c>, none of them in the EF model.
    /// <list type="bullet">
    /// <item><c>CourseSearch</c>: FTS5 trigram index of title, subtitle, description, tags and instructor name, rowid = Courses.Id.
    /// Every column is stored with two trailing spaces, so every character of the text starts a trigram: a one- or
    /// two-character word is then found through the trigrams that begin with it (see <c>CourseSearchTerms</c>).</item>
    /// <item><c>CourseSearchTerms</c> / <c>CourseSearchInstances</c>: fts5vocab views of that index (no storage).</item>
    /// <item><c>CourseSearchVersion</c>: one counter, raised by the triggers whenever something that decides which courses
    /// a search finds changes; the service's result cache is keyed by it.</item>
    /// <item>Triggers that keep all of this in step with Courses, Categories and instructor names.</item>
    /// <item>Covering indexes for each sort order, with the filter columns, so browsing and counting never read whole course rows.</item>
    /// </list>
    /// Caution for later migrations: an EF table rebuild of Courses, Categories or AspNetUsers (SQLite cannot alter some
    /// columns in place) drops the triggers and indexes on that table; such a migration must re-create them.
    /// </summary>
    [DbContext(typeof(KnowledgeHubDbContext))]
    [Migration("20261125120000_CourseSearchIndex")]
    public sealed class CourseSearchIndex : Migration
    {
        private const string Pad = " || '  '";
        private const string InstructorName = "COALESCE((SELECT u.DisplayName FROM AspNetUsers AS u WHERE u.Id = NEW.InstructorId), '')";
        private const string BumpVersion = "UPDATE CourseSearchVersion SET Value = Value + 1;";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Column order matters: bm25() takes the column weights in this order.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE CourseSearch USING fts5(title, subtitle, description, tags, instructor, tokenize = 'trigram');");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE CourseSearchTerms USING fts5vocab(CourseSearch, 'row');");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE CourseSearchInstances USING fts5vocab(CourseSearch, 'instance');");

            migrationBuilder.Sql(
                $"""
                INSERT INTO CourseSearch (rowid, title, subtitle, description, tags, instructor)
                SELECT c.Id, c.Title{Pad}, c.Subtitle{Pad}, c.Description{Pad}, c.Tags{Pad}, COALESCE(u.DisplayName, ''){Pad}
                FROM Courses AS c LEFT JOIN AspNetUsers AS u ON u.Id = c.InstructorId;
                """);

            migrationBuilder.Sql("CREATE TABLE CourseSearchVersion (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), Value INTEGER NOT NULL);");
            migrationBuilder.Sql("INSERT INTO CourseSearchVersion (Id, Value) VALUES (1, 1);");

            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER CourseSearch_AfterCourseInsert AFTER INSERT ON Courses
                BEGIN
                    INSERT INTO CourseSearch (rowid, title, subtitle, description, tags, instructor)
                    VALUES (NEW.Id, NEW.Title{Pad}, NEW.Subtitle{Pad}, NEW.Description{Pad}, NEW.Tags{Pad}, {InstructorName}{Pad});
                    {BumpVersion}
                END;
                """);

            // Only the indexed columns: enrolment counts and ratings change often and must not rewrite the index.
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER CourseSearch_AfterCourseTextUpdate AFTER UPDATE OF Id, Title, Subtitle, Description, Tags, InstructorId ON Courses
                BEGIN
                    DELETE FROM CourseSearch WHERE rowid = OLD.Id;
                    INSERT INTO CourseSearch (rowid, title, subtitle, description, tags, instructor)
                    VALUES (NEW.Id, NEW.Title{Pad}, NEW.Subtitle{Pad}, NEW.Description{Pad}, NEW.Tags{Pad}, {InstructorName}{Pad});
                    {BumpVersion}
                END;
                """);

            // What a search finds also depends on these. Popularity and rating only reorder results, which a cached result
            // may show up to a minute late, so they do not raise the version.
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER CourseSearch_AfterCourseFacetUpdate AFTER UPDATE OF Status, CategoryId, Level, Language, PriceMinor, PublishedUtc ON Courses
                BEGIN
                    {BumpVersion}
                END;
                """);

            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER CourseSearch_AfterCourseDelete AFTER DELETE ON Courses
                BEGIN
                    DELETE FROM CourseSearch WHERE rowid = OLD.Id;
                    {BumpVersion}
                END;
                """);

            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER CourseSearch_AfterInstructorRename AFTER UPDATE OF DisplayName ON AspNetUsers
                WHEN NEW.DisplayName IS NOT OLD.DisplayName
                BEGIN
                    UPDATE CourseSearch SET instructor = COALESCE(NEW.DisplayName, ''){Pad}
                    WHERE rowid IN (SELECT c.Id FROM Courses AS c WHERE c.InstructorId = NEW.Id);
                    {BumpVersion}
                END;
                """);

            foreach (var (name, when) in new[] { ("Insert", "INSERT"), ("Update", "UPDATE"), ("Delete", "DELETE") })
                migrationBuilder.Sql(
                    $"""
                    CREATE TRIGGER CourseSearch_AfterCategory{name} AFTER {when} ON Categories
                    BEGIN
                        {BumpVersion}
                    END;
                    """);

            // One covering index per sort order of published courses, ending with the filter columns; Id is the tiebreak
            // of every order.
            migrationBuilder.Sql("CREATE INDEX IX_Courses_Search_Popular ON Courses (Status, EnrollmentCount DESC, Id, CategoryId, Level, Language, PriceMinor, RatingAverage);");
            migrationBuilder.Sql("CREATE INDEX IX_Courses_Search_Newest ON Courses (Status, PublishedUtc DESC, Id, CategoryId, Level, Language, PriceMinor, RatingAverage);");
            migrationBuilder.Sql("CREATE INDEX IX_Courses_Search_Rating ON Courses (Status, RatingAverage DESC, RatingCount DESC, Id, CategoryId, Level, Language, PriceMinor);");
            migrationBuilder.Sql("CREATE INDEX IX_Courses_Search_Price ON Courses (Status, PriceMinor, Id, CategoryId, Level, Language, RatingAverage);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in new[] { "Price", "Rating", "Newest", "Popular" })
                migrationBuilder.Sql($"DROP INDEX IF EXISTS IX_Courses_Search_{index};");
            foreach (var trigger in new[]
                     {
                         "AfterCategoryDelete", "AfterCategoryUpdate", "AfterCategoryInsert", "AfterInstructorRename",
                         "AfterCourseDelete", "AfterCourseFacetUpdate", "AfterCourseTextUpdate", "AfterCourseInsert",
                     })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS CourseSearch_{trigger};");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CourseSearchVersion;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CourseSearchInstances;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CourseSearchTerms;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CourseSearch;");
        }
    }
}

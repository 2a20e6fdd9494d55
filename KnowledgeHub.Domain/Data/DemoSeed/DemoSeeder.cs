using System.Globalization;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Bundles;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>
/// Seeds the deterministic demo data set into a database without courses: the catalogue of <see cref="DemoCatalog"/>,
/// 10 instructors, an admin, 300 learners and 90 days of simulated activity (<see cref="DemoActivity"/>).
/// Two runs with the same clock produce the same rows (password hashes aside: they are salted).
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    private const int Seed = 20261125;
    private const int LearnerCount = 300;
    private const string Domain = "@knowledgehub.demo";

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Courses.AnyAsync(ct)) return false;

        var roleIds = await db.Roles.Where(r => r.Name != null && Roles.All.Contains(r.Name))
            .ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
        var missing = Roles.All.Where(r => !roleIds.ContainsKey(r)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Create the roles before seeding: {string.Join(", ", missing)}.");

        var now = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var categories = await AddCategoriesAsync(db, ct);
        var people = await AddPeopleAsync(db, roleIds, now, new Random(Seed), ct);
        var courses = await AddCoursesAsync(db, categories, people.Instructors, now, new Random(Seed + 1), ct);

        var activity = new DemoActivity(courses, people.Learners, now, new Random(Seed + 2));
        ScriptDemoLearner(activity, courses, people.Learners, now);
        activity.Run();

        SetCourseSummaries(activity, courses);
        await AddOrdersAsync(db, activity, courses, people.Learners, ct);
        db.ChangeTracker.Clear();
        await AddLearningAsync(db, activity, courses, people.Learners, ct);
        await InsertEventsAsync(db, activity.Events.OrderBy(e => e.OccurredUtc), ct);
        await AddCommerceAsync(db, courses, people.Instructors, now, ct);

        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record People(IReadOnlyList<ApplicationUser> Instructors, IReadOnlyList<SeedLearner> Learners);

    /// <summary>Top categories first (their ids are the children's ParentId), then the children.</summary>
    private static async Task<Dictionary<string, (Category Category, int TopIndex)>> AddCategoriesAsync(KnowledgeHubDbContext db, CancellationToken ct)
    {
        var tops = DemoCatalog.Categories.Select((c, i) => new Category(c.Slug, c.NameZh, c.NameEn, i + 1, null, c.Icon)).ToList();
        db.Categories.AddRange(tops);
        await db.SaveChangesAsync(ct);

        var bySlug = new Dictionary<string, (Category, int)>(StringComparer.Ordinal);
        for (var t = 0; t < tops.Count; t++)
        {
            bySlug[tops[t].Slug] = (tops[t], t);
            var children = DemoCatalog.Categories[t].Children;
            for (var c = 0; c < children.Count; c++)
            {
                var child = new Category(children[c].Slug, children[c].NameZh, children[c].NameEn, c + 1, tops[t].Id, children[c].Icon);
                db.Categories.Add(child);
                bySlug[child.Slug] = (child, t);
            }
        }
        await db.SaveChangesAsync(ct);
        return bySlug;
    }

    // People -------------------------------------------------------------------------------------------------

    private static async Task<People> AddPeopleAsync(KnowledgeHubDbContext db, Dictionary<string, int> roleIds, DateTime now, Random rng, CancellationToken ct)
    {
        var hasher = new PasswordHasher<ApplicationUser>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Hash(string password) => hashes.TryGetValue(password, out var h) ? h : hashes[password] = hasher.HashPassword(null!, password);

        var users = new List<(ApplicationUser User, string[] Roles)>();
        ApplicationUser User(string email, string password, string name, string? culture, DateTime createdUtc, params string[] roles)
        {
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                PasswordHash = Hash(password), SecurityStamp = DeterministicGuid(rng).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = DeterministicGuid(rng).ToString(), LockoutEnabled = true,
                DisplayName = name, PreferredCulture = culture, CreatedUtc = createdUtc,
            };
            users.Add((user, roles));
            return user;
        }

        // The three listed demo accounts follow the browser (no preferred language), so a newcomer sees their own.
        User(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword, "平台管理员", null, now.AddDays(-420), Roles.Learner, Roles.Admin);

        var instructors = new List<ApplicationUser>();
        for (var i = 0; i < DemoCatalog.Instructors.Count; i++)
        {
            var spec = DemoCatalog.Instructors[i];
            var (email, password) = i == 0
                ? (DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword)
                : ($"instructor{i + 1:00}{Domain}", DemoAccounts.SharedPassword);
            var created = now.AddDays(-rng.Next(200, 401)).AddMinutes(-rng.Next(24 * 60));
            var instructor = User(email, password, spec.DisplayName, i == 0 ? null : spec.Culture, created, Roles.Learner, Roles.Instructor);
            instructor.Slug = spec.Slug;
            instructor.Headline = spec.Headline;
            instructor.Bio = spec.Bio;
            instructors.Add(instructor);
        }

        // Learners: sign-ups over the last 120 days, more on weekdays and a little more recently.
        var demo = User(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword, "李思远", null, now.AddDays(-100).AddMinutes(-37), Roles.Learner);
        var signUps = Enumerable.Range(0, LearnerCount - 1).Select(_ => SignUpTime(now, rng)).Order().ToList();
        var learnerUsers = new List<ApplicationUser> { demo };
        for (var i = 0; i < signUps.Count; i++)
        {
            var culture = rng.NextDouble() switch { < 0.55 => SupportedCultures.Chinese, < 0.63 => SupportedCultures.English, _ => null };
            learnerUsers.Add(User($"learner{i + 2:000}{Domain}", DemoAccounts.SharedPassword, ChineseName(rng), culture, signUps[i], Roles.Learner));
        }

        db.Users.AddRange(users.Select(u => u.User));
        await db.SaveChangesAsync(ct);
        db.UserRoles.AddRange(users.SelectMany(u => u.Roles.Select(r => new IdentityUserRole<int> { UserId = u.User.Id, RoleId = roleIds[r] })));

        var appeal = DemoCatalog.Categories.Select(c => c.Appeal).ToArray();
        var learners = learnerUsers.Select(user =>
        {
            var isDemo = ReferenceEquals(user, demo);
            var first = WeightedIndex(rng, appeal);
            int[] tops = rng.NextDouble() < 0.55 ? [first] : [first, WeightedIndex(rng, appeal, exclude: first)];
            var device = rng.NextDouble() switch { < 0.6 => "mobile", < 0.92 => "desktop", _ => "tablet" };
            var activity = 0.25 + 3 * Math.Pow(rng.NextDouble(), 2);
            var spend = 0.1 + 4 * Math.Pow(rng.NextDouble(), 3);
            return new SeedLearner(user, DemoActivity.NewVisitorId(rng), device, isDemo ? [0, 1] : tops, activity, isDemo ? 0 : spend);
        }).OrderBy(l => l.User.CreatedUtc).ToList();
        return new People(instructors, learners);
    }

    private static DateTime SignUpTime(DateTime now, Random rng)
    {
        while (true)
        {
            var daysAgo = rng.Next(1, 121);
            var day = now.AddDays(-daysAgo);
            var weight = (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.0 : 1.3) * (1 + 0.6 * (120 - daysAgo) / 120.0);
            if (rng.NextDouble() * 2.1 > weight) continue;
            // 08:00 to 23:59 China time.
            return day.Date.AddHours(rng.Next(8, 24) - 8).AddSeconds(rng.Next(3600));
        }
    }

    private static string ChineseName(Random rng)
    {
        var surname = DemoPhrases.Surnames[(int)(DemoPhrases.Surnames.Length * Math.Pow(rng.NextDouble(), 2))];
        var given = DemoPhrases.GivenSyllables[rng.Next(DemoPhrases.GivenSyllables.Length)];
        if (rng.NextDouble() < 0.7) given += DemoPhrases.GivenSyllables[rng.Next(DemoPhrases.GivenSyllables.Length)];
        return surname + given;
    }

    // Courses ------------------------------------------------------------------------------------------------

    private static async Task<List<SeedCourse>> AddCoursesAsync(KnowledgeHubDbContext db, Dictionary<string, (Category Category, int TopIndex)> categories,
        IReadOnlyList<ApplicationUser> instructors, DateTime now, Random rng, CancellationToken ct)
    {
        var seeded = new List<SeedCourse>();
        for (var i = 0; i < DemoCatalog.Courses.Count; i++)
        {
            var spec = DemoCatalog.Courses[i];
            var (category, topIndex) = categories[spec.Category];
            var instructor = instructors[spec.Instructor];
            var age = spec.Recent ? rng.Next(3, 13) : spec.Draft ? rng.Next(5, 40) : rng.Next(20, 300);
            age = Math.Min(age, (int)(now - instructor.CreatedUtc).TotalDays - 7);
            var created = now.AddDays(-age).AddMinutes(-rng.Next(24 * 60));
            DateTime? published = spec.Draft ? null : Min(created.AddDays(spec.Recent ? rng.Next(1, 3) : rng.Next(1, 11)).AddMinutes(rng.Next(600)), now.AddHours(-20));

            var (from, to) = DemoPhrases.Palettes[i * 7 % DemoPhrases.Palettes.Length];
            var course = DemoCurriculum.Build(spec, category.Id, instructor.Id, DemoCatalog.Categories[topIndex], $"{from},{to},{spec.Icon}", created, rng);
            if (published is { } at) course.Publish(at);
            seeded.Add(new SeedCourse(course, spec, topIndex, published, 4.15 + 0.75 * rng.NextDouble()));
        }
        db.Courses.AddRange(seeded.Select(s => s.Course));
        await db.SaveChangesAsync(ct);

        // Zipf-like popularity over a shuffled rank, with two of the demo instructor's courses near the top.
        var ranked = seeded.Where(s => s.PublishedUtc is not null).ToList();
        for (var i = ranked.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (ranked[i], ranked[j]) = (ranked[j], ranked[i]);
        }
        MoveTo(ranked, "python-data-analysis", 0);
        MoveTo(ranked, "machine-learning-intro", 2);
        for (var r = 0; r < ranked.Count; r++)
            ranked[r].Popularity = Math.Pow(r + 1, -0.85) * (ranked[r].Course.IsFree ? 1.3 : 1);
        return seeded;
    }

    private static void MoveTo(List<SeedCourse> ranked, string slug, int rank)
    {
        var course = ranked.Single(c => c.Spec.Slug == slug);
        ranked.Remove(course);
        ranked.Insert(rank, course);
    }

    /// <summary>learner@ owns four courses at different stages and has reviewed the one they finished (planned before the simulation).</summary>
    private static void ScriptDemoLearner(DemoActivity activity, List<SeedCourse> courses, IReadOnlyList<SeedLearner> learners, DateTime now)
    {
        var learner = learners.Select((l, i) => (l, i)).Single(x => x.l.User.Email == DemoAccounts.LearnerEmail).i;
        int Course(string slug) => courses.FindIndex(c => c.Spec.Slug == slug);
        DateTime Evening(int daysAgo) => now.AddDays(-daysAgo).Date.AddHours(12.5); // 20:30 China time

        activity.ScriptPurchase(learner, Course("python-zero-to-hero"), Evening(85), progress: 100);
        activity.ScriptPurchase(learner, Course("python-data-analysis"), Evening(70), progress: 64);
        activity.ScriptPurchase(learner, Course("machine-learning-intro"), Evening(30), progress: 18);
        activity.ScriptPurchase(learner, Course("react-18-complete-guide"), Evening(6), progress: 0);
        activity.ScriptReview(learner, Course("python-zero-to-hero"), 5, "零基础也能跟上，每节课都很短、很实用，已经推荐给同事。");
    }

    // Orders, learning and events ----------------------------------------------------------------------------

    private static async Task AddOrdersAsync(KnowledgeHubDbContext db, DemoActivity activity, List<SeedCourse> courses,
        IReadOnlyList<SeedLearner> learners, CancellationToken ct)
    {
        var sequence = 0;
        foreach (var draft in activity.Orders.OrderBy(o => o.CreatedUtc))
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"KH{draft.CreatedUtc:yyyyMMdd}-{++sequence:000000}");
            var items = draft.Courses.Select(c => (courses[c].Course.Id, courses[c].Course.Title, courses[c].Course.Price)).ToList();
            var order = Order.Seeded(number, learners[draft.Learner].User.Id, items, draft.PaymentMethod, draft.CreatedUtc, draft.PaidUtc, draft.ProviderPaymentId);
            draft.Placed = order;
            db.Orders.Add(order);
        }
        db.ChangeTracker.DetectChanges(); // the course summaries are saved with the orders
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Coupons and bundles to try, and the sandbox's own record of the demo orders paid through it (so an admin can refund
    /// them in the demo as with any real sandbox payment).
    /// </summary>
    private static async Task AddCommerceAsync(KnowledgeHubDbContext db, List<SeedCourse> courses, IReadOnlyList<ApplicationUser> instructors,
        DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var admin = await db.Users.Where(u => u.Email == DemoAccounts.AdminEmail).Select(u => u.Id).SingleAsync(ct);
        var teacher = instructors[0].Id;
        Course Find(string slug) => courses.Single(c => c.Course.Slug == slug).Course;
        var teacherCourses = courses.Where(c => c.Course.InstructorId == teacher && c.Course.IsPublic && !c.Course.IsFree).Select(c => c.Course.Id).ToList();

        db.Coupons.Add(Coupon.Create(new CouponDraft("WELCOME10", "新用户立减 10% / 10% off for new learners", CouponKind.Percent, 10, Money.Zero(),
            Money.Yuan(99), now.AddDays(-30), now.AddDays(90), null, 1, []), admin, null, now.AddDays(-30)));
        db.Coupons.Add(Coupon.Create(new CouponDraft("TEACHER50", "王老师课程立减 50 元 / ¥50 off this teacher's courses", CouponKind.FixedAmount, 0,
            Money.Yuan(50), Money.Yuan(199), now.AddDays(-7), now.AddDays(30), 200, 1, teacherCourses), teacher, teacher, now.AddDays(-7)));

        var pythonPack = new[] { "python-data-analysis", "python-office-automation", "machine-learning-intro" }.Select(Find).ToList();
        if (pythonPack.All(c => c.IsPublic && c.InstructorId == teacher))
        {
            var bundle = Bundle.Create("python-data-pack", "Python 数据分析全家桶", "从办公自动化到数据分析，再到机器学习入门：三门课一次学完，比单买省下近三成。",
                Money.Yuan(499), [.. pythonPack.Select(c => c.Id)], teacher, now.AddDays(-20));
            bundle.SetPublished(true, now.AddDays(-20));
            db.Bundles.Add(bundle);
        }
        var frontEnd = new[] { "javascript-core", "vue3-typescript-project", "react-18-complete-guide" }.Select(Find).ToList();
        if (frontEnd.All(c => c.IsPublic && !c.IsFree))
        {
            var bundle = Bundle.Create("frontend-career-pack", "前端工程师成长套餐", "JavaScript 核心、Vue 3 + TypeScript 实战与 React 完全指南，一条路线学到能上岗。",
                Money.Yuan(599), [.. frontEnd.Select(c => c.Id)], admin, now.AddDays(-10));
            bundle.SetPublished(true, now.AddDays(-10));
            db.Bundles.Add(bundle);
        }

        var sandboxPaid = await db.Orders.AsNoTracking().Where(o => o.PaymentMethod == Payments.Sandbox.SandboxGateway.Name && o.PaidUtc != null)
            .Select(o => new { o.Number, o.Total, o.ProviderPaymentId, o.CreatedUtc, PaidUtc = o.PaidUtc!.Value }).ToListAsync(ct);
        foreach (var o in sandboxPaid)
        {
            var payment = new Payments.Sandbox.SandboxPayment(o.ProviderPaymentId!, new Payments.PaymentRequest(o.Number, o.Total, o.Number,
                "/orders/" + o.Number, "/api/payments/webhooks/sandbox", o.CreatedUtc.AddMinutes(30), null, null), o.CreatedUtc);
            payment.Pay(o.PaidUtc);
            db.SandboxPayments.Add(payment);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private static void SetCourseSummaries(DemoActivity activity, List<SeedCourse> courses)
    {
        var enrolled = new int[courses.Count];
        var ratingSum = new int[courses.Count];
        var ratingCount = new int[courses.Count];
        foreach (var e in activity.Enrollments) enrolled[e.Course]++;
        foreach (var r in activity.Reviews)
        {
            ratingSum[r.Course] += r.Rating;
            ratingCount[r.Course]++;
        }
        for (var c = 0; c < courses.Count; c++)
        {
            courses[c].Course.SetEnrollmentCount(enrolled[c]);
            courses[c].Course.SetRatingSummary(ratingCount[c] == 0 ? 0 : (double)ratingSum[c] / ratingCount[c], ratingCount[c]);
        }
    }

    private static async Task AddLearningAsync(KnowledgeHubDbContext db, DemoActivity activity, List<SeedCourse> courses,
        IReadOnlyList<SeedLearner> learners, CancellationToken ct)
    {
        foreach (var draft in activity.Enrollments)
        {
            var enrollment = new Enrollment(learners[draft.Learner].User.Id, courses[draft.Course].Course.Id, draft.EnrolledUtc, draft.Order?.Placed!.Id);
            if (draft.LastActivityUtc is { } last) enrollment.RecordProgress(draft.Progress, last);
            db.Enrollments.Add(enrollment);
        }
        db.Reviews.AddRange(activity.Reviews.Select(r => new Review(courses[r.Course].Course.Id, learners[r.Learner].User.Id, r.Rating, r.Text, r.CreatedUtc)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Behaviour events are most of the seed (about 50,000 append-only rows). SaveChanges inserts and tracks them one by
    /// one, which takes several seconds, so they go through one prepared INSERT on the context's connection and
    /// transaction instead. Table, columns and value conversions come from the EF model, which stays the only mapping.
    /// </summary>
    private static async Task InsertEventsAsync(KnowledgeHubDbContext db, IEnumerable<BehaviorEvent> events, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(BehaviorEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = columns.Select(p => p.GetGetter()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = columns.Select((p, i) => mappings[i].CreateParameter(command, sql.GenerateParameterName("p" + i), null, p.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        await command.PrepareAsync(ct);

        foreach (var e in events)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var value = getters[i].GetClrValue(e);
                if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // Helpers ------------------------------------------------------------------------------------------------

    private static Guid DeterministicGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static int WeightedIndex(Random rng, double[] weights, int exclude = -1)
    {
        var total = weights.Where((_, i) => i != exclude).Sum();
        var u = rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            if (i == exclude) continue;
            u -= weights[i];
            if (u < 0) return i;
        }
        return exclude == weights.Length - 1 ? weights.Length - 2 : weights.Length - 1;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

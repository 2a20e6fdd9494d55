using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;

namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>A saved demo course with what the simulation needs to know about it.</summary>
internal sealed class SeedCourse(Course course, CourseSpec spec, int topIndex, DateTime? publishedUtc, double quality)
{
    public Course Course { get; } = course;
    public CourseSpec Spec { get; } = spec;
    public int TopIndex { get; } = topIndex;
    public DateTime? PublishedUtc { get; } = publishedUtc;
    /// <summary>Around 4.5 for a good course: the centre of its ratings.</summary>
    public double Quality { get; } = quality;
    /// <summary>Zipf-like weight from the course's popularity rank.</summary>
    public double Popularity { get; set; }
    public bool IsAvailable(DateTime utc) => PublishedUtc < utc;
}

/// <summary>A saved demo learner with a stable visitor cookie, a usual device and favourite top categories.</summary>
internal sealed class SeedLearner(ApplicationUser user, string visitorId, string device, int[] favouriteTops, double activity, double spend)
{
    public ApplicationUser User { get; } = user;
    public string VisitorId { get; } = visitorId;
    public string Device { get; } = device;
    public int[] FavouriteTops { get; } = favouriteTops;
    /// <summary>How often the learner comes back to browse.</summary>
    public double Activity { get; } = activity;
    /// <summary>How likely the learner is to be the next buyer; 0 for the scripted demo learner.</summary>
    public double Spend { get; } = spend;
    public bool IsDemo => Spend == 0;
    public bool PrefersEnglish => User.PreferredCulture == SupportedCultures.English;
}

internal sealed record OrderDraft(int Learner, int[] Courses, DateTime CreatedUtc, DateTime? PaidUtc, string PaymentMethod, string ProviderPaymentId)
{
    /// <summary>The order made from this draft, once numbered (numbers follow creation time).</summary>
    public Orders.Order? Placed { get; set; }
}

internal sealed class EnrollmentDraft(int learner, int course, DateTime enrolledUtc, OrderDraft? order, int? scriptedProgress = null)
{
    public int Learner { get; } = learner;
    public int Course { get; } = course;
    public DateTime EnrolledUtc { get; } = enrolledUtc;
    public OrderDraft? Order { get; } = order;
    public int? ScriptedProgress { get; } = scriptedProgress;
    public int Progress { get; set; }
    public DateTime? LastActivityUtc { get; set; }
}

internal sealed record ReviewDraft(int Learner, int Course, int Rating, string Text, DateTime CreatedUtc);

/// <summary>
/// Simulates 90 days of traffic, sign-ups, orders, learning and reviews with a weekly rhythm (weekends about ×1.4,
/// evenings busiest in China time), a mild upward trend, a three-day promotion and Zipf-like course popularity
/// with per-learner category affinity. Everything comes from one <see cref="Random"/>, so a run is reproducible.
/// </summary>
internal sealed class DemoActivity
{
    public const int Days = 90;
    private const double AnonymousSessionsPerDay = 130, BrowseSessionsPerDay = 36, OrdersPerDay = 14.5;
    private const double Trend = 0.35, PromotionBoost = 1.7;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    /// <summary>Sunday first, as <see cref="DayOfWeek"/>.</summary>
    private static readonly double[] DayOfWeekFactor = [1.38, 1.0, 0.98, 1.0, 1.02, 0.93, 1.42];
    /// <summary>Local (China) hour weights: lunch and the evening on weekdays, the whole afternoon at weekends.</summary>
    private static readonly double[] WeekdayHours =
        [1.5, 0.8, 0.4, 0.2, 0.2, 0.3, 0.8, 2.0, 3.0, 3.0, 3.2, 3.5, 4.5, 4.0, 3.2, 3.0, 3.0, 3.2, 3.8, 5.0, 6.5, 7.0, 6.0, 3.5];
    private static readonly double[] WeekendHours =
        [2.2, 1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 0.9, 1.8, 3.0, 4.2, 4.6, 4.4, 4.6, 5.0, 5.0, 4.8, 4.4, 4.2, 5.0, 6.2, 6.6, 5.4, 3.6];
    private static readonly int[] HoursOfDay = Enumerable.Range(0, 24).ToArray();
    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];
    private static readonly double[] DeviceWeights = [60, 32, 8];

    private readonly Random rng;
    private readonly DateTime nowUtc;
    private readonly DateOnly firstDay;
    private readonly SeedCourse[] courses;
    private readonly SeedLearner[] learners;
    private readonly DateTime[] learnerCreated;
    private readonly double[] activityPrefix;
    private readonly double[] spendPrefix;
    private readonly double[,] affinity;
    /// <summary>Per learner and course: 0 nothing, n &gt; 0 enrolment n - 1, -1 an unpaid order.</summary>
    private readonly int[,] holding;
    private readonly (string Query, int[] Matches)[] searches;
    private readonly double[] searchWeights = DemoPhrases.Searches.Select(s => s.Weight).ToArray();
    private readonly bool[] promotionDay = new bool[Days];
    private readonly string promotionCampaign;
    private readonly List<string> anonymousVisitors = [];

    public DemoActivity(IReadOnlyList<SeedCourse> courses, IReadOnlyList<SeedLearner> learnersByCreation, DateTime nowUtc, Random rng)
    {
        this.rng = rng;
        this.nowUtc = nowUtc;
        this.courses = [.. courses];
        learners = [.. learnersByCreation];
        firstDay = DateOnly.FromDateTime(nowUtc + ChinaOffset).AddDays(-(Days - 1));
        learnerCreated = learners.Select(l => l.User.CreatedUtc).ToArray();
        activityPrefix = Prefix(learners.Select(l => l.Activity));
        spendPrefix = Prefix(learners.Select(l => l.Spend));
        holding = new int[learners.Length, this.courses.Length];
        affinity = new double[learners.Length, this.courses.Length];
        for (var l = 0; l < learners.Length; l++)
            for (var c = 0; c < this.courses.Length; c++)
            {
                var course = this.courses[c];
                var language = course.Spec.IsEnglish ? (learners[l].PrefersEnglish ? 3 : 0.45) : 1;
                affinity[l, c] = course.Popularity * language * (learners[l].FavouriteTops.Contains(course.TopIndex) ? 5 : 1);
            }
        searches = DemoPhrases.Searches.Select(s => (s.Query, Enumerable.Range(0, this.courses.Length)
            .Where(c => Matches(this.courses[c], s.Query)).ToArray())).ToArray();

        var singlesDay = Enumerable.Range(0, Days).FirstOrDefault(d => firstDay.AddDays(d) is { Month: 11, Day: 11 }, -1);
        promotionCampaign = singlesDay >= 0 ? "double11" : "flash-sale";
        var centre = singlesDay >= 0 ? singlesDay : Days - 30;
        for (var d = Math.Max(0, centre - 1); d <= Math.Min(Days - 1, centre + 1); d++) promotionDay[d] = true;
    }

    public List<OrderDraft> Orders { get; } = [];
    public List<EnrollmentDraft> Enrollments { get; } = [];
    public List<ReviewDraft> Reviews { get; } = [];
    public List<BehaviorEvent> Events { get; } = [];
    public DateTime WindowStartUtc => DayStartUtc(0);

    /// <summary>Runs the simulation, after any scripted purchases (<see cref="ScriptPurchase"/>).</summary>
    public void Run()
    {
        SignUps();
        for (var d = 0; d < Days; d++) SimulateDay(d);
        Learning();
        Reviewing();
    }

    // The demo learner --------------------------------------------------------------------------------------

    /// <summary>A scripted purchase (paid when the course has a price) with its session of events.</summary>
    public void ScriptPurchase(int learner, int course, DateTime atUtc, int progress)
    {
        var start = Max(atUtc, courses[course].PublishedUtc!.Value.AddHours(20));
        var session = Begin(learner, start);
        session.Visit(PickSource(DayIndex(start)), $"/courses/{courses[course].Course.Slug}");
        session.Add(BehaviorEventType.CourseView, course);
        if (courses[course].Course.IsFree)
        {
            session.Step(60, 180);
            Enroll(learner, course, session.Time, null, progress);
            return;
        }
        Checkout(session, learner, [course], paid: true, progress);
    }

    public void ScriptReview(int learner, int course, int rating, string text)
    {
        var enrollment = Enrollments[holding[learner, course] - 1];
        var at = Min(enrollment.EnrolledUtc.AddDays(3), nowUtc.AddHours(-2));
        Reviews.Add(new ReviewDraft(learner, course, rating, text, at));
    }

    // Days --------------------------------------------------------------------------------------------------

    private void SignUps()
    {
        for (var l = 0; l < learners.Length; l++)
        {
            var created = learnerCreated[l];
            if (created < WindowStartUtc || learners[l].IsDemo) continue;
            var learner = learners[l];
            if (rng.NextDouble() < 0.4)
            {
                // An anonymous look around a few days earlier, with the same cookie.
                var earlier = created.AddHours(-rng.Next(2, 96));
                if (earlier > WindowStartUtc)
                {
                    var look = new Session(this, learner.VisitorId, null, learner.Device, earlier);
                    var course = PickCourse(-1, earlier, _ => true);
                    look.Visit(PickSource(DayIndex(earlier)), course >= 0 ? $"/courses/{courses[course].Course.Slug}" : "/");
                    if (course >= 0) look.Add(BehaviorEventType.CourseView, course);
                }
            }
            var session = new Session(this, learner.VisitorId, null, learner.Device, created.AddSeconds(-rng.Next(90, 600)));
            session.Visit(PickSource(DayIndex(created)), rng.NextDouble() < 0.5 ? "/" : "/account/register");
            session.AddAt(BehaviorEventType.SignUp, created, asUser: learner.User.Id);
        }
    }

    private void SimulateDay(int d)
    {
        var date = firstDay.AddDays(d);
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var factor = DayOfWeekFactor[(int)date.DayOfWeek] * (1 + Trend * d / (Days - 1)) * (0.88 + 0.24 * rng.NextDouble())
                     * (promotionDay[d] ? PromotionBoost : 1);
        var hours = weekend ? WeekendHours : WeekdayHours;

        for (int i = 0, n = Round(AnonymousSessionsPerDay * factor); i < n; i++)
            if (SessionStart(d, hours) is { } t) AnonymousSession(d, t);
        for (int i = 0, n = Round(BrowseSessionsPerDay * factor); i < n; i++)
            if (SessionStart(d, hours) is { } t) BrowseSession(d, t);
        for (int i = 0, n = Round(OrdersPerDay * factor); i < n; i++)
            if (SessionStart(d, hours) is { } t) PurchaseSession(d, t, paid: true);
        if (d >= Days - 3)
            for (var i = 0; i < 2; i++)
                if (SessionStart(d, hours) is { } t) PurchaseSession(d, t, paid: false);
    }

    private void AnonymousSession(int d, DateTime t)
    {
        string visitor;
        if (anonymousVisitors.Count > 0 && rng.NextDouble() < 0.25) visitor = anonymousVisitors[rng.Next(anonymousVisitors.Count)];
        else anonymousVisitors.Add(visitor = NewVisitorId(rng));
        var session = new Session(this, visitor, null, Pick(Devices, DeviceWeights), t);
        var lands = rng.NextDouble() < 0.18 ? PickCourse(-1, t, _ => true) : -1;
        session.Visit(PickSource(d), lands >= 0 ? $"/courses/{courses[lands].Course.Slug}" : LandingPage());
        if (lands >= 0) session.Add(BehaviorEventType.CourseView, lands);
        if (rng.NextDouble() < 0.08) Search(session, -1);
        if (rng.NextDouble() < 0.07 && PickCourse(-1, session.Time, _ => true) is var more and >= 0)
        {
            session.Step(20, 120);
            session.Add(BehaviorEventType.CourseView, more);
            lands = more;
        }
        if (lands >= 0 && !courses[lands].Course.IsFree && rng.NextDouble() < 0.06)
        {
            session.Step(20, 90);
            session.Add(BehaviorEventType.AddToCart, lands);
        }
    }

    private void BrowseSession(int d, DateTime t)
    {
        var learner = PickLearner(activityPrefix, t);
        if (learner < 0) return;
        var session = Begin(learner, t);
        var views = Pick([0, 1, 2, 3], [22, 45, 23, 10]);
        var first = views > 0 ? PickCourse(learner, t, c => holding[learner, c] == 0) : -1;
        session.Visit(PickSource(d), first >= 0 && rng.NextDouble() < 0.45 ? $"/courses/{courses[first].Course.Slug}" : LandingPage());
        if (rng.NextDouble() < 0.2) Search(session, learner);
        var cart = -1;
        for (var v = 0; v < views; v++)
        {
            var course = v == 0 ? first : PickCourse(learner, session.Time, c => holding[learner, c] == 0);
            if (course < 0) break;
            session.Step(20, 240);
            session.Add(BehaviorEventType.CourseView, course);
            if (courses[course].Course.IsFree)
            {
                if (!learners[learner].IsDemo && rng.NextDouble() < 0.45)
                {
                    session.Step(30, 120);
                    Enroll(learner, course, session.Time, null);
                }
            }
            else if (rng.NextDouble() < 0.1)
            {
                session.Step(10, 60);
                session.Add(BehaviorEventType.WishlistAdd, course);
            }
            else if (cart < 0 && rng.NextDouble() < 0.18)
            {
                session.Step(10, 90);
                session.Add(BehaviorEventType.AddToCart, course);
                cart = course;
            }
        }
        if (cart >= 0 && rng.NextDouble() < 0.55)
        {
            session.Step(30, 180);
            session.Add(BehaviorEventType.CheckoutStarted, cart, value: 1);
        }
    }

    private void PurchaseSession(int d, DateTime t, bool paid)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var learner = PickLearner(spendPrefix, t);
            if (learner < 0) return;
            var wanted = Pick([1, 2, 3], [86, 11, 3]);
            var basket = new List<int>();
            for (var i = 0; i < wanted; i++)
            {
                var course = PickCourse(learner, t, c => holding[learner, c] == 0 && !courses[c].Course.IsFree && !basket.Contains(c));
                if (course >= 0) basket.Add(course);
            }
            if (basket.Count == 0) continue;

            if (rng.NextDouble() < 0.25) AbandonedCheckout(learner, basket[0], t.AddMinutes(-rng.Next(6 * 60, 72 * 60)));
            var session = Begin(learner, t);
            session.Visit(PickSource(d), rng.NextDouble() < 0.5 ? $"/courses/{courses[basket[0]].Course.Slug}" : LandingPage());
            if (rng.NextDouble() < 0.25) Search(session, learner);
            if (rng.NextDouble() < 0.3 && PickCourse(learner, t, c => holding[learner, c] == 0 && !basket.Contains(c)) is var other and >= 0)
            {
                session.Step(20, 200);
                session.Add(BehaviorEventType.CourseView, other);
            }
            foreach (var course in basket)
            {
                session.Step(20, 240);
                session.Add(BehaviorEventType.CourseView, course);
                if (rng.NextDouble() < 0.08)
                {
                    session.Step(10, 60);
                    session.Add(BehaviorEventType.WishlistAdd, course);
                }
            }
            Checkout(session, learner, basket, paid, null);
            return;
        }
    }

    /// <summary>An earlier visit that got as far as the checkout page and stopped there (no order was placed).</summary>
    private void AbandonedCheckout(int learner, int course, DateTime t)
    {
        if (t < WindowStartUtc || t < learnerCreated[learner] || !courses[course].IsAvailable(t)) return;
        var session = Begin(learner, t);
        session.Visit(PickSource(DayIndex(t)), $"/courses/{courses[course].Course.Slug}");
        session.Add(BehaviorEventType.CourseView, course);
        session.Step(20, 180);
        session.Add(BehaviorEventType.AddToCart, course);
        session.Step(20, 120);
        session.Add(BehaviorEventType.CheckoutStarted, course, value: 1);
    }

    private void Checkout(Session session, int learner, IReadOnlyList<int> basket, bool paid, int? scriptedProgress)
    {
        foreach (var course in basket)
        {
            session.Step(10, 90);
            session.Add(BehaviorEventType.AddToCart, course);
        }
        session.Step(20, 120);
        var created = session.Time;
        session.Add(BehaviorEventType.CheckoutStarted, basket[0], value: basket.Count);
        var method = PaymentMethod(learners[learner]);
        var providerId = $"sandbox_{rng.Next(0x1000000):x6}{rng.Next(0x1000000):x6}{rng.Next(0x1000000):x6}";
        if (!paid)
        {
            Orders.Add(new OrderDraft(learner, [.. basket], created, null, method, providerId));
            foreach (var course in basket) holding[learner, course] = -1;
            return;
        }
        session.Step(30, 300);
        var order = new OrderDraft(learner, [.. basket], created, session.Time, method, providerId);
        Orders.Add(order);
        var total = basket.Sum(c => courses[c].Course.Price.MinorUnits);
        session.Add(BehaviorEventType.Purchase, basket[0], value: (int)total);
        foreach (var course in basket) Enroll(learner, course, session.Time, order, scriptedProgress);
    }

    private void Enroll(int learner, int course, DateTime at, OrderDraft? order, int? scriptedProgress = null)
    {
        Enrollments.Add(new EnrollmentDraft(learner, course, at, order, scriptedProgress));
        holding[learner, course] = Enrollments.Count;
    }

    private void Search(Session session, int learner)
    {
        var (query, matches) = Pick(searches, searchWeights);
        session.Step(10, 90);
        var found = matches.Where(c => courses[c].IsAvailable(session.Time)).ToArray();
        session.Add(BehaviorEventType.Search, null, query: query, value: found.Length);
        if (found.Length == 0 || rng.NextDouble() > 0.65) return;
        var position = Math.Min(found.Length, 1 + (rng.NextDouble() < 0.6 ? 0 : rng.Next(found.Length)));
        var course = found[position - 1];
        session.Step(5, 40);
        session.Add(BehaviorEventType.SearchClick, course, query: query, value: position);
        session.Add(BehaviorEventType.CourseView, course);
        if (learner >= 0 && courses[course].Course.IsFree && holding[learner, course] == 0 && !learners[learner].IsDemo && rng.NextDouble() < 0.3)
        {
            session.Step(30, 120);
            Enroll(learner, course, session.Time, null);
        }
    }

    // After the days: learning progress and reviews ---------------------------------------------------------

    private void Learning()
    {
        foreach (var enrollment in Enrollments)
        {
            var age = (nowUtc - enrollment.EnrolledUtc).TotalDays;
            int progress;
            if (enrollment.ScriptedProgress is { } scripted) progress = scripted;
            else
            {
                var roll = rng.NextDouble();
                progress = roll < 0.22 ? 0 : roll < 0.55 ? rng.Next(1, 31) : roll < 0.78 ? rng.Next(31, 81) : roll < 0.88 ? rng.Next(81, 100) : 100;
                if (age < 10) progress = Math.Min(progress, (int)(age * 9));
            }
            if (progress == 0) continue;
            var span = (nowUtc.AddMinutes(-30) - enrollment.EnrolledUtc).TotalSeconds;
            var last = enrollment.EnrolledUtc.AddSeconds(Math.Max(60, span * (0.3 + 0.7 * rng.NextDouble())));
            enrollment.Progress = progress;
            enrollment.LastActivityUtc = last;

            var learner = learners[enrollment.Learner];
            var steps = Math.Clamp(1 + progress / 20, 1, 6);
            for (var i = 1; i <= steps; i++)
            {
                var at = enrollment.EnrolledUtc.AddSeconds((last - enrollment.EnrolledUtc).TotalSeconds * i / steps);
                Events.Add(new BehaviorEvent(BehaviorEventType.LessonProgress, learner.VisitorId, learner.User.Id, courses[enrollment.Course].Course.Id,
                    at, device: learner.Device, value: progress * i / steps));
            }
        }
    }

    private void Reviewing()
    {
        foreach (var enrollment in Enrollments)
        {
            if (learners[enrollment.Learner].IsDemo) continue;
            var p = enrollment.Progress;
            var chance = p >= 80 ? 0.58 : p >= 30 ? 0.36 : p > 0 ? 0.22 : 0.08;
            if (rng.NextDouble() >= chance) continue;
            var course = courses[enrollment.Course];
            var noise = (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 1.6;
            var rating = rng.NextDouble() < 0.015 ? 1 : Math.Clamp((int)Math.Round(course.Quality + noise, MidpointRounding.AwayFromZero), 1, 5);
            var from = enrollment.LastActivityUtc ?? enrollment.EnrolledUtc;
            var at = Min(from.AddHours(rng.Next(1, 72)), nowUtc.AddMinutes(-10));
            Reviews.Add(new ReviewDraft(enrollment.Learner, enrollment.Course, rating, ReviewText(rating, course.Spec.IsEnglish), Max(at, enrollment.EnrolledUtc)));
        }
    }

    private string ReviewText(int rating, bool english)
    {
        var pool = (rating, english) switch
        {
            ( >= 4, false) => DemoPhrases.ReviewGoodZh,
            (3, false) => DemoPhrases.ReviewOkZh,
            (_, false) => DemoPhrases.ReviewBadZh,
            ( >= 4, true) => DemoPhrases.ReviewGoodEn,
            (3, true) => DemoPhrases.ReviewOkEn,
            _ => DemoPhrases.ReviewBadEn,
        };
        var text = pool[rng.Next(pool.Length)];
        if (rating == 5 && rng.NextDouble() < 0.3)
        {
            var second = pool[rng.Next(pool.Length)];
            if (second != text) text += (english ? " " : "") + second;
        }
        return text;
    }

    // Picking -----------------------------------------------------------------------------------------------

    private DateTime DayStartUtc(int d) => DateTime.SpecifyKind(firstDay.AddDays(d).ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);

    private int DayIndex(DateTime utc) => Math.Clamp(DateOnly.FromDateTime(utc + ChinaOffset).DayNumber - firstDay.DayNumber, 0, Days - 1);

    /// <summary>A start time on day <paramref name="d"/>, or null when it would fall in the last hour or the future.</summary>
    private DateTime? SessionStart(int d, double[] hours)
    {
        var hour = Pick(HoursOfDay, hours);
        var t = DayStartUtc(d).AddHours(hour).AddSeconds(rng.Next(3600));
        return t < nowUtc.AddHours(-1) ? t : null;
    }

    private int PickLearner(double[] prefix, DateTime t)
    {
        var eligible = Array.BinarySearch(learnerCreated, t);
        eligible = eligible >= 0 ? eligible : ~eligible;
        if (eligible == 0 || prefix[eligible - 1] <= 0) return -1;
        var u = rng.NextDouble() * prefix[eligible - 1];
        var index = Array.BinarySearch(prefix, 0, eligible, u);
        index = index >= 0 ? index + 1 : ~index;
        while (index < eligible - 1 && prefix[index] == (index == 0 ? 0 : prefix[index - 1])) index++;
        return Math.Min(index, eligible - 1);
    }

    /// <summary>A published course weighted by popularity and, for a learner (&gt;= 0), by affinity; -1 if none is allowed.</summary>
    private int PickCourse(int learner, DateTime t, Func<int, bool> allowed)
    {
        Span<double> weights = stackalloc double[courses.Length];
        var total = 0.0;
        for (var c = 0; c < courses.Length; c++)
        {
            if (!courses[c].IsAvailable(t) || !allowed(c)) continue;
            weights[c] = learner >= 0 ? affinity[learner, c] : courses[c].Popularity * (courses[c].Spec.IsEnglish ? 0.6 : 1);
            total += weights[c];
        }
        if (total <= 0) return -1;
        var u = rng.NextDouble() * total;
        for (var c = 0; c < courses.Length; c++)
        {
            if (weights[c] <= 0) continue;
            u -= weights[c];
            if (u < 0) return c;
        }
        for (var c = courses.Length - 1; c >= 0; c--) if (weights[c] > 0) return c;
        return -1;
    }

    private T Pick<T>(T[] items, double[] weights)
    {
        var u = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return items[i];
        }
        return items[^1];
    }

    private (TrafficSource Source, string? Campaign) PickSource(int d)
    {
        var source = Pick(DemoPhrases.Sources, DemoPhrases.Sources.Select(s => s.Weight).ToArray());
        string? campaign = null;
        if (source.JoinsPromotion && promotionDay[d] && rng.NextDouble() < 0.5) campaign = promotionCampaign;
        else if (source.Campaign is not null && rng.NextDouble() < source.CampaignShare) campaign = source.Campaign;
        return (source, campaign);
    }

    private string LandingPage() => rng.Next(10) switch
    {
        < 5 => "/",
        < 8 => "/courses",
        _ => $"/categories/{DemoCatalog.Categories[rng.Next(DemoCatalog.Categories.Count)].Slug}",
    };

    private string PaymentMethod(SeedLearner learner) => learner.PrefersEnglish
        ? Pick(["stripe", "alipay", "wechat", "sandbox"], [50, 25, 15, 10])
        : Pick(["alipay", "wechat", "stripe", "sandbox"], [47, 41, 4, 8]);

    private Session Begin(int learner, DateTime start)
    {
        var l = learners[learner];
        var device = rng.NextDouble() < 0.8 ? l.Device : Pick(Devices, DeviceWeights);
        return new Session(this, l.VisitorId, l.User.Id, device, start);
    }

    public static string NewVisitorId(Random rng) => $"v-{rng.Next(0x1000000):x6}{rng.Next(0x1000000):x6}";

    private int Round(double x) => (int)Math.Floor(x + rng.NextDouble());

    private static bool Matches(SeedCourse course, string query) =>
        course.PublishedUtc is not null
        && (course.Course.Title.Contains(query, StringComparison.OrdinalIgnoreCase)
            || course.Course.Subtitle.Contains(query, StringComparison.OrdinalIgnoreCase)
            || course.Course.Tags.Contains(query, StringComparison.OrdinalIgnoreCase));

    private static double[] Prefix(IEnumerable<double> values)
    {
        var sum = 0.0;
        return values.Select(v => sum += v).ToArray();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>One visit: events share the cookie, user and device, and each happens a little after the previous.</summary>
    private sealed class Session(DemoActivity owner, string visitorId, int? userId, string device, DateTime start)
    {
        public DateTime Time { get; private set; } = start;

        public void Step(int minSeconds, int maxSeconds) => Time = Time.AddSeconds(owner.rng.Next(minSeconds, maxSeconds + 1));

        public void Visit((TrafficSource Source, string? Campaign) from, string landingPath) =>
            owner.Events.Add(new BehaviorEvent(BehaviorEventType.Visit, visitorId, userId, null, Time, source: from.Source.Source,
                medium: from.Source.Medium, campaign: from.Campaign, device: device, landingPath: landingPath));

        public void Add(BehaviorEventType type, int? course, string? query = null, int? value = null) =>
            AddAt(type, Time, course, query, value);

        public void AddAt(BehaviorEventType type, DateTime at, int? course = null, string? query = null, int? value = null, int? asUser = null) =>
            owner.Events.Add(new BehaviorEvent(type, visitorId, asUser ?? userId, course is { } c ? owner.courses[c].Course.Id : null, at,
                query: query, device: device, value: value));
    }
}

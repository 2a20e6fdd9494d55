// Checkout end to end over real HTTP against the real app (published in Release, started as a child process).
//   dotnet run -c Release --project benchmarks/checkout -- --buyers 2000 --concurrency 64 [--kill 3]
// Setup: publish KnowledgeHub.Web (Release, its own output folder), start it on a free loopback port with a fresh data
// folder so it seeds the demo catalogue, stop it, add N buyer accounts (Learner role, Identity password hash) straight into
// its SQLite database, start it again. Every buyer logs in through the Identity form (its own cookie jar) before the
// measured phase. Measured phase, C buyers at a time: GET /checkout?course=ID (antiforgery token), POST /checkout (new
// idempotency key), GET the sandbox cashier it redirects to, POST pay; the buyer's slot is then free and a single watcher
// polls the database read-only every 20 ms until the order is Paid. Some buyers double-click (two concurrent posts with
// the same key) and replay their key after payment. --kill N SIGKILLs the app N times at random moments of the run and
// restarts it on the same port and data folder; buyers retry the failed step with the same key. At the end the invariants
// are checked in the database; the exit code is 1 when one fails (or an order never got paid).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var buyerCount = Option("--buyers", 2000);
var concurrency = Option("--concurrency", 64);
var kills = Option("--kill", 0);
var replayEvery = Option("--replay-every", 50); // every 50th buyer double-clicks and replays its key after payment
var settleTimeout = TimeSpan.FromSeconds(Option("--settle-timeout", 420));
var seed = Option("--seed", Environment.TickCount);
var repo = FindRepo();
var appDir = Path.GetFullPath(OptionText("--app") ?? "/tmp/kh-bench-app");
var keepData = args.Contains("--keep-data");
// --money-path: the order pipeline alone, as a script or mobile client would drive it: the antiforgery token from
// /api/antiforgery-token instead of rendering the checkout page, and the pay post without rendering the cashier page.
var moneyPath = args.Contains("--money-path");
var rng = new Random(seed);

if (!args.Contains("--no-publish"))
{
    var sw = Stopwatch.StartNew();
    await Publish(repo, appDir);
    Console.WriteLine($"published KnowledgeHub.Web (Release) to {appDir}: {sw.Elapsed.TotalSeconds:0} s");
}
if (!File.Exists(Path.Combine(appDir, "KnowledgeHub.Web.dll"))) throw new InvalidOperationException($"no KnowledgeHub.Web.dll in {appDir}");

var dataDir = Directory.CreateTempSubdirectory("kh-checkout-bench-").FullName;
var port = FreePort();
var app = new AppHost(appDir, dataDir, port);
Console.WriteLine($"data folder {dataDir}, app log {app.LogPath}, http://127.0.0.1:{port}, seed {seed}");
var exit = 1;
try
{
    var sw = Stopwatch.StartNew();
    await app.StartAsync();
    Console.WriteLine($"first start (migrations + demo seed): {sw.Elapsed.TotalSeconds:0.0} s");
    await app.StopAsync();

    sw.Restart();
    var (buyers, courses) = await CreateBuyersAsync(dataDir, repo, buyerCount, rng);
    Console.WriteLine($"{buyerCount:N0} buyer accounts created in the database: {sw.Elapsed.TotalSeconds:0.0} s; {courses.Count} paid published courses");

    sw.Restart();
    await app.StartAsync();
    Console.WriteLine($"restart: {sw.Elapsed.TotalSeconds:0.0} s");

    var bench = new CheckoutRun(app, buyers, courses, concurrency, kills, replayEvery, settleTimeout, rng) { MoneyPath = moneyPath };
    exit = await bench.RunAsync();
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    Console.Error.WriteLine("--- app log (tail) ---");
    Console.Error.WriteLine(app.LogTail(40));
}
finally
{
    await app.StopAsync();
    SqliteConnection.ClearAllPools();
    if (!keepData && exit == 0) Directory.Delete(dataDir, recursive: true);
    else Console.WriteLine($"data folder kept: {dataDir}");
}
return exit;

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepo()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeHub.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository (KnowledgeHub.sln not found)");
}

static async Task Publish(string repo, string output)
{
    // Its own output folder (and Release obj files), so a concurrent Debug build elsewhere is not disturbed; retried on lock errors.
    for (var attempt = 1; ; attempt++)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", "KnowledgeHub.Web/KnowledgeHub.Web.csproj", "-c", "Release", "-o", output, "--nologo", "-v", "q" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode == 0) return;
        if (attempt == 4) throw new InvalidOperationException("dotnet publish failed:\n" + await stdout + await stderr);
        Console.Error.WriteLine($"dotnet publish failed (attempt {attempt}), retrying in 15 s");
        await Task.Delay(TimeSpan.FromSeconds(15));
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task<(List<Buyer> Buyers, List<int> Courses)> CreateBuyersAsync(string dataDir, string repo, int count, Random rng)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["KnowledgeHub:DataDirectory"] = dataDir,
        ["KnowledgeHub:DemoData"] = "false",
    }).Build();
    await using var services = new ServiceCollection().AddLogging().AddKnowledgeHubDomain(configuration, dataDir).BuildServiceProvider();
    var factory = services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>();
    await using var db = await factory.CreateDbContextAsync();
    var courses = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0)
        .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    var roleId = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync();
    // One hash for all (the salt is inside it): PBKDF2 with Identity's defaults costs tens of milliseconds per account.
    var hash = new PasswordHasher<ApplicationUser>().HashPassword(null!, Buyer.Password);
    var now = DateTime.UtcNow;
    var users = new List<ApplicationUser>(count);
    for (var i = 0; i < count; i++)
    {
        var email = $"bench-buyer-{i:00000}@bench.knowledgehub.test";
        users.Add(new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, DisplayName = $"Bench buyer {i}", CreatedUtc = now,
        });
    }
    db.Users.AddRange(users);
    await db.SaveChangesAsync();
    db.UserRoles.AddRange(users.Select(u => new IdentityUserRole<int> { UserId = u.Id, RoleId = roleId }));
    await db.SaveChangesAsync();
    // Spread over the catalogue: buyer i takes course i mod count, shuffled so neighbours in time buy different courses.
    var order = Enumerable.Range(0, count).OrderBy(_ => rng.Next()).ToList();
    var buyers = users.Select((u, i) => new Buyer(i, u.Id, u.Email!, courses[order[i] % courses.Count])).ToList();
    return (buyers, courses);
}

sealed class Buyer(int index, int userId, string email, int courseId)
{
    public const string Password = "bench-Checkout-2026!";
    public int Index { get; } = index;
    public int UserId { get; } = userId;
    public string Email { get; } = email;
    public int CourseId { get; } = courseId;
    public CookieContainer Cookies { get; } = new();
    public string Key { get; } = Guid.NewGuid().ToString("N");
    public string? CheckoutToken { get; set; }
    public string? OrderNumber { get; set; }
    public long CheckoutStart { get; set; }
    public long PayDone { get; set; }
    public List<string> ReplayDestinations { get; } = [];
}

/// <summary>The app as a child process: dotnet KnowledgeHub.Web.dll with the environment the README lists.</summary>
sealed class AppHost(string appDir, string dataDir, int port)
{
    private Process? process;
    private readonly object logLock = new();
    private readonly SemaphoreSlim restart = new(1, 1);

    /// <summary>Exits the benchmark did not cause (another process killed the app): restarted and reported.</summary>
    public int UnexpectedExits { get; private set; }

    /// <summary>Restarts the app if it died without the benchmark killing it (others on this machine may kill processes by name).</summary>
    public async Task WatchAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(200, ct); }
            catch (OperationCanceledException) { return; }
            await restart.WaitAsync(CancellationToken.None);
            try
            {
                if (process is { HasExited: true } p)
                {
                    UnexpectedExits++;
                    lock (logLock) log.WriteLine($"===== exited unexpectedly (code {p.ExitCode}) {DateTime.UtcNow:O}");
                    Console.WriteLine($"  the app exited without the benchmark killing it (code {p.ExitCode}); restarting");
                    process = null;
                    await StartAsync();
                }
            }
            finally { restart.Release(); }
        }
    }

    /// <summary>SIGKILL and start again on the same port and data folder; returns when it is healthy.</summary>
    public async Task KillAndRestartAsync()
    {
        await restart.WaitAsync();
        try
        {
            if (process is not null) Kill();
            await StartAsync();
        }
        finally { restart.Release(); }
    }
    private readonly StreamWriter log = new(Path.Combine(dataDir, "..", Path.GetFileName(dataDir) + ".app.log"), append: true) { AutoFlush = true };

    public string LogPath => Path.GetFullPath(Path.Combine(dataDir, "..", Path.GetFileName(dataDir) + ".app.log"));
    public Uri BaseUri { get; } = new($"http://127.0.0.1:{port}/");
    public string DataDir => dataDir;
    public string Database => Path.Combine(dataDir, "knowledgehub.db");

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = appDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(appDir, "KnowledgeHub.Web.dll"));
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["KnowledgeHub__DataDirectory"] = dataDir;
        psi.Environment["KnowledgeHub__DemoData"] = "true";
        // The defaults (20 checkout posts per user per minute, 200 webhooks per second per provider and address) are for people
        // and real gateways; the benchmark's buyers and the sandbox notifier all come from 127.0.0.1.
        psi.Environment["KnowledgeHub__RateLimits__WebhooksPerSecond"] = "100000";
        psi.Environment["KnowledgeHub__RateLimits__CheckoutPerMinute"] = "100000";
        lock (logLock) log.WriteLine($"===== start {DateTime.UtcNow:O}");
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (logLock) log.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (logLock) log.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        process = p;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (p.HasExited) throw new InvalidOperationException($"the app exited with code {p.ExitCode}; see {LogPath}");
            try
            {
                using var r = await probe.GetAsync(new Uri(BaseUri, "healthz"));
                if (r.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("the app did not become healthy in 3 minutes");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        var p = process ?? throw new InvalidOperationException("not running");
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
        lock (logLock) log.WriteLine($"===== SIGKILL {DateTime.UtcNow:O}");
        process = null;
    }

    /// <summary>SIGTERM and a graceful shutdown (SIGKILL after 30 s).</summary>
    public async Task StopAsync()
    {
        if (process is not { } p) return;
        process = null;
        if (!p.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await p.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { p.Kill(entireProcessTree: true); }
        }
        p.WaitForExit();
        lock (logLock) log.WriteLine($"===== stopped {DateTime.UtcNow:O}");
    }

    public string LogTail(int lines)
    {
        lock (logLock)
        {
            try
            {
                using var s = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var r = new StreamReader(s);
                var all = r.ReadToEnd().Split('\n');
                return string.Join('\n', all.TakeLast(lines));
            }
            catch (IOException e) { return e.Message; }
        }
    }
}

/// <summary>A failed step the buyer retries: connection refused or reset (the app is down) or a 5xx.</summary>
sealed class TransientException(string message) : Exception(message);

sealed partial class CheckoutRun(AppHost app, List<Buyer> buyers, List<int> courses, int concurrency, int kills, int replayEvery,
    TimeSpan settleTimeout, Random rng)
{
    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        // Cookies are kept per buyer (Buyer.Cookies) and sent by hand; connections are pooled like a load generator's.
        UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency * 2 + 16,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    }) { Timeout = TimeSpan.FromSeconds(60) };

    private readonly ConcurrentDictionary<string, List<double>> steps = new();
    private readonly ConcurrentBag<double> checkoutToPaid = [], payToPaid = [];
    private readonly ConcurrentBag<string> failures = [];
    private int retries, payPostsStarted, replayMismatches, replayPosts;
    private volatile bool buyersDone;
    private readonly List<(double At, double Outage)> outages = [];

    public async Task<int> RunAsync()
    {
        using var stopWatchdog = new CancellationTokenSource();
        var watchdog = app.WatchAsync(stopWatchdog.Token);
        try { return await RunPhasesAsync(); }
        finally
        {
            stopWatchdog.Cancel();
            await watchdog;
        }
    }

    private async Task<int> RunPhasesAsync()
    {
        // Log-in phase (not measured as checkout: PBKDF2 verification dominates it).
        var sw = Stopwatch.StartNew();
        await ForEachBuyer(LogInAsync);
        Console.WriteLine($"log-in of {buyers.Count:N0} buyers through the Identity form: {sw.Elapsed.TotalSeconds:0.0} s "
            + $"({buyers.Count / sw.Elapsed.TotalSeconds:0} /s); failures {failures.Count}");
        if (!failures.IsEmpty) { PrintFailures(); return 1; }

        // Measured phase.
        using var watcher = new PaidWatcher(app.Database);
        var watcherTask = watcher.RunAsync();
        var thresholds = Enumerable.Range(0, kills).Select(_ => (int)(buyers.Count * (0.1 + 0.8 * rng.NextDouble()))).Order().ToList();
        var phase = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        var killer = Task.Run(() => KillerAsync(thresholds, start));
        var paidTasks = new ConcurrentBag<Task>();
        await ForEachBuyer(async b =>
        {
            await CheckoutAsync(b);
            if (b.OrderNumber is null) return;
            var number = b.OrderNumber;
            paidTasks.Add(watcher.WaitAsync(number).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    checkoutToPaid.Add(Stopwatch.GetElapsedTime(b.CheckoutStart, t.Result).TotalMilliseconds);
                    payToPaid.Add(Math.Max(0, Stopwatch.GetElapsedTime(b.PayDone, t.Result).TotalMilliseconds));
                }
            }, TaskScheduler.Default));
        });
        var requestsDone = phase.Elapsed;
        buyersDone = true;
        await killer;
        var all = Task.WhenAll(paidTasks);
        var settled = await Task.WhenAny(all, Task.Delay(settleTimeout)) == all;
        var lastPaid = watcher.LastPaidTimestamp;
        watcher.Stop();
        await watcherTask;
        var measured = lastPaid > start ? Stopwatch.GetElapsedTime(start, lastPaid) : phase.Elapsed;
        var completed = checkoutToPaid.Count;

        // Double clicks replayed after payment: the same key must land on the same (now paid) order.
        foreach (var b in buyers.Where(b => b.Index % replayEvery == 0 && b.OrderNumber is not null))
        {
            var location = await Retry(() => PostCheckoutAsync(b));
            Interlocked.Increment(ref replayPosts);
            if (!location.Contains("/orders/" + b.OrderNumber, StringComparison.Ordinal)) Interlocked.Increment(ref replayMismatches);
        }

        Console.WriteLine();
        Console.WriteLine($"## Checkout: {buyers.Count:N0} buyers, {concurrency} at a time, {courses.Count} courses, kills {kills}");
        Console.WriteLine();
        Console.WriteLine($"- completed (order Paid): {completed:N0} of {buyers.Count:N0}{(settled ? "" : $" (timed out after {settleTimeout.TotalSeconds:0} s)")}");
        Console.WriteLine($"- measured phase: first checkout page request → last order Paid {measured.TotalSeconds:0.00} s "
            + $"(all buyer requests done after {requestsDone.TotalSeconds:0.00} s) → **{completed / measured.TotalSeconds:0} orders/s**");
        Console.WriteLine($"- requests retried after a transport error or 5xx: {retries:N0}; buyers failed: {failures.Count}");
        if (app.UnexpectedExits > 0) Console.WriteLine($"- **the app died {app.UnexpectedExits} time(s) without the benchmark killing it** (restarted): not a clean run");
        foreach (var (at, outage) in outages) Console.WriteLine($"- SIGKILL at {at:0.0} s, back (healthy) after {outage:0.0} s");
        Console.WriteLine();
        Console.WriteLine("| ms | n | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("checkout POST → order Paid", [.. checkoutToPaid]);
        Row("POST /checkout alone", Step("POST /checkout"));
        Row("GET /checkout (page)", Step("GET /checkout"));
        Row("GET cashier", Step("GET cashier"));
        Row("POST pay", Step("POST pay"));
        Row("pay response → order Paid", [.. payToPaid]);
        Row("double click (2nd concurrent POST)", Step("POST /checkout (double click)"));
        Console.WriteLine();

        await WhereTheTimeGoesAsync();
        var ok = await CheckInvariantsAsync(completed == buyers.Count);
        PrintFailures();
        return ok && completed == buyers.Count && failures.IsEmpty ? 0 : 1;
    }

    private async Task ForEachBuyer(Func<Buyer, Task> action) =>
        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (b, _) =>
        {
            try { await action(b); }
            catch (Exception e) { failures.Add($"buyer {b.Index}: {e.GetType().Name}: {e.Message}"); }
        });

    private async Task KillerAsync(List<int> thresholds, long start)
    {
        foreach (var threshold in thresholds)
        {
            while (Volatile.Read(ref payPostsStarted) < threshold && !buyersDone) await Task.Delay(5);
            if (buyersDone) return;
            await Task.Delay(rng.Next(0, 250)); // somewhere inside a request, a settlement or a notification batch
            var at = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var down = Stopwatch.StartNew();
            await app.KillAndRestartAsync();
            lock (outages) outages.Add((at, down.Elapsed.TotalSeconds));
            Console.WriteLine($"  killed at {at:0.0} s (after {threshold} pay posts), healthy again after {down.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private async Task LogInAsync(Buyer b)
    {
        await Retry(async () =>
        {
            var page = await SendAsync(b, HttpMethod.Get, "Identity/Account/Login", null, "GET login");
            var token = Token(await page.Content.ReadAsStringAsync());
            var post = await SendAsync(b, HttpMethod.Post, "Identity/Account/Login", new()
            {
                ["Input.Email"] = b.Email, ["Input.Password"] = Buyer.Password, ["Input.RememberMe"] = "true", ["__RequestVerificationToken"] = token,
            }, "POST login");
            if (post.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"log-in answered {(int)post.StatusCode}");
            return 0;
        });
    }

    /// <summary>Skip the two page renders (see --money-path).</summary>
    public bool MoneyPath { get; init; }

    private async Task CheckoutAsync(Buyer b)
    {
        await Retry(async () =>
        {
            if (MoneyPath)
            {
                var answer = await SendAsync(b, HttpMethod.Get, "api/antiforgery-token", null, "GET /checkout");
                if (answer.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET /api/antiforgery-token answered {(int)answer.StatusCode}");
                b.CheckoutToken = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
                return 0;
            }
            var page = await SendAsync(b, HttpMethod.Get, $"checkout?course={b.CourseId}", null, "GET /checkout");
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET /checkout answered {(int)page.StatusCode}");
            b.CheckoutToken = Token(await page.Content.ReadAsStringAsync());
            return 0;
        });

        b.CheckoutStart = Stopwatch.GetTimestamp();
        string cashier;
        if (b.Index % replayEvery == 0)
        {
            // A double click: the same form (same key) posted twice at once; both must land on the same order.
            var first = Retry(() => PostCheckoutAsync(b));
            var second = Retry(() => PostCheckoutAsync(b, "POST /checkout (double click)"));
            var both = await Task.WhenAll(first, second);
            Interlocked.Add(ref replayPosts, 1);
            b.ReplayDestinations.Add(both[1]);
            cashier = both[0];
        }
        else cashier = await Retry(() => PostCheckoutAsync(b));
        if (!cashier.Contains("/sandbox/cashier/", StringComparison.Ordinal)) throw new InvalidOperationException($"checkout redirected to {cashier}");

        Interlocked.Increment(ref payPostsStarted);
        await Retry(async () =>
        {
            if (MoneyPath)
            {
                b.OrderNumber ??= await OrderNumberOfAsync(b.Key);
                var direct = await SendAsync(b, HttpMethod.Post, cashier, new()
                {
                    ["action"] = "pay", ["card"] = "4242424242424242", ["__RequestVerificationToken"] = b.CheckoutToken!,
                }, "POST pay");
                var to = direct.Headers.Location?.ToString() ?? "";
                if (to.Contains("error=sandbox.not_open", StringComparison.Ordinal)) return 0; // paid by an attempt whose answer was lost
                if (direct.StatusCode != HttpStatusCode.Redirect || to.Contains("error=", StringComparison.Ordinal))
                    throw new TransientException($"pay answered {(int)direct.StatusCode} {to}");
                return 0;
            }
            var page = await SendAsync(b, HttpMethod.Get, cashier, null, "GET cashier");
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {cashier} answered {(int)page.StatusCode}");
            var html = await page.Content.ReadAsStringAsync();
            b.OrderNumber = OrderNumber().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no order number on the cashier");
            if (html.Contains("data-testid=\"sandbox-done\"", StringComparison.Ordinal)) return 0; // paid by an attempt whose answer was lost
            var pay = await SendAsync(b, HttpMethod.Post, cashier, new()
            {
                ["action"] = "pay", ["card"] = "4242424242424242", ["__RequestVerificationToken"] = Token(html),
            }, "POST pay");
            var location = pay.Headers.Location?.ToString() ?? "";
            if (pay.StatusCode != HttpStatusCode.Redirect || location.Contains("error=", StringComparison.Ordinal))
                throw new TransientException($"pay answered {(int)pay.StatusCode} {location}"); // look at the cashier again
            return 0;
        });
        b.PayDone = Stopwatch.GetTimestamp();

        // The concurrent double click must have named the same order (its own cashier session or the order page).
        foreach (var d in b.ReplayDestinations)
            if (!d.Contains("/sandbox/cashier/", StringComparison.Ordinal) && !d.Contains("/orders/" + b.OrderNumber, StringComparison.Ordinal))
                Interlocked.Increment(ref replayMismatches);
    }

    private async Task<string> PostCheckoutAsync(Buyer b, string step = "POST /checkout")
    {
        var post = await SendAsync(b, HttpMethod.Post, "checkout", new()
        {
            ["Items"] = $"c:{b.CourseId}", ["Coupon"] = "", ["Provider"] = "sandbox", ["Key"] = b.Key, ["__RequestVerificationToken"] = b.CheckoutToken!,
        }, step);
        var location = post.Headers.Location?.ToString();
        if (post.StatusCode != HttpStatusCode.Redirect || location is null) throw new InvalidOperationException($"POST /checkout answered {(int)post.StatusCode}");
        return location;
    }

    private async Task<HttpResponseMessage> SendAsync(Buyer b, HttpMethod method, string url, Dictionary<string, string>? form, string step)
    {
        var uri = new Uri(app.BaseUri, url);
        using var request = new HttpRequestMessage(method, uri);
        var cookies = b.Cookies.GetCookieHeader(uri);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new TransientException($"{step}: {e.Message}");
        }
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if ((int)response.StatusCode >= 500) throw new TransientException($"{step}: HTTP {(int)response.StatusCode}");
        steps.GetOrAdd(step, _ => []).AddLocked(ms);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var c in set) b.Cookies.SetCookies(uri, c);
        return response;
    }

    /// <summary>Retries a step that failed on the transport or with a 5xx (the app was killed or is starting) for up to 3 minutes.</summary>
    private async Task<T> Retry<T>(Func<Task<T>> step)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try { return await step(); }
            catch (TransientException) when (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                Interlocked.Increment(ref retries);
                await Task.Delay(100 + Random.Shared.Next(100));
            }
        }
    }

    private async Task<bool> CheckInvariantsAsync(bool allPaid)
    {
        await using var db = new SqliteConnection($"Data Source={app.Database};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var c = db.CreateCommand();
            c.CommandText = sql;
            return (long)(await c.ExecuteScalarAsync())!;
        }
        const string Bench = "(SELECT Id FROM AspNetUsers WHERE Email LIKE 'bench-buyer-%')";
        var checks = new (string Name, long Value, long Expected)[]
        {
            ("orders with the same buyer + idempotency key", await Count(
                "SELECT COUNT(*) FROM (SELECT 1 FROM Orders GROUP BY BuyerId, IdempotencyKey HAVING COUNT(*) > 1)"), 0),
            ("buyer + course with more than one paid order", await Count(
                "SELECT COUNT(*) FROM (SELECT 1 FROM Orders o JOIN OrderLines l ON l.OrderId = o.Id WHERE o.Status IN (1, 2, 6) "
                + "GROUP BY o.BuyerId, l.CourseId HAVING COUNT(DISTINCT o.Id) > 1)"), 0),
            ("duplicate enrolments (learner + course)", await Count(
                "SELECT COUNT(*) FROM (SELECT 1 FROM Enrollments GROUP BY LearnerId, CourseId HAVING COUNT(*) > 1)"), 0),
            ("lost payments: sandbox Paid, order not Paid/refunded", await Count(
                "SELECT COUNT(*) FROM SandboxPayments p LEFT JOIN Orders o ON o.Number = p.OrderNumber "
                + "WHERE p.Status = 1 AND (o.Id IS NULL OR o.Status NOT IN (1, 2, 3))"), 0),
            ("paid orders missing an enrolment", await Count(
                "SELECT COUNT(*) FROM Orders o JOIN OrderLines l ON l.OrderId = o.Id WHERE o.Status IN (1, 2) AND l.IsRefunded = 0 "
                + "AND NOT EXISTS (SELECT 1 FROM Enrollments e WHERE e.LearnerId = o.BuyerId AND e.CourseId = l.CourseId AND e.RevokedUtc IS NULL)"), 0),
            ("orders in NeedsReview", await Count("SELECT COUNT(*) FROM Orders WHERE Status = 6"), 0),
            ("bench buyers' orders (one per buyer)", await Count($"SELECT COUNT(*) FROM Orders WHERE BuyerId IN {Bench}"), buyers.Count),
            ("bench buyers' paid orders", await Count($"SELECT COUNT(*) FROM Orders WHERE Status = 1 AND BuyerId IN {Bench}"), buyers.Count),
            ("bench buyers' active enrolments", await Count($"SELECT COUNT(*) FROM Enrollments WHERE RevokedUtc IS NULL AND LearnerId IN {Bench}"), buyers.Count),
            // The demo seed records its own sandbox-paid orders too: count the bench buyers' payments only.
            ("bench buyers' sandbox payments Paid", await Count($"SELECT COUNT(*) FROM SandboxPayments p JOIN Orders o ON o.Number = p.OrderNumber WHERE p.Status = 1 AND o.BuyerId IN {Bench}"), buyers.Count),
            ("idempotency replays landing elsewhere", replayMismatches, 0),
        };
        Console.WriteLine("| invariant | value | expected |");
        Console.WriteLine("|---|---:|---:|");
        var ok = true;
        foreach (var (name, value, expected) in checks)
        {
            var pass = value == expected;
            ok &= pass;
            Console.WriteLine($"| {name} | {value:N0} | {expected:N0}{(pass ? "" : " **FAIL**")} |");
        }
        Console.WriteLine();
        Console.WriteLine($"also: {replayPosts} same-key replays (concurrent double clicks and posts after payment); payment events stored "
            + $"{await Count("SELECT COUNT(*) FROM PaymentEvents")}; sandbox payments {await Count("SELECT COUNT(*) FROM SandboxPayments")} "
            + $"(open {await Count("SELECT COUNT(*) FROM SandboxPayments WHERE Status = 0")}); notifications {await Count("SELECT COUNT(*) FROM SandboxNotifications")}, "
            + $"undelivered {await Count("SELECT COUNT(*) FROM SandboxNotifications WHERE DeliveredUtc IS NULL")}, "
            + $"delivered after more than one attempt {await Count("SELECT COUNT(*) FROM SandboxNotifications WHERE Attempts > 1")}");
        Console.WriteLine(ok ? "invariants: all hold" : "invariants: FAILED");
        return ok && allPaid;
    }

    /// <summary>
    /// The server's side of the timeline, from the timestamps the app stores (whole rows, UTC, 100 ns text): order placed →
    /// sandbox session created; pay committed (the outbox row) → the webhook reached settlement (PaymentEvents.ReceivedUtc, the
    /// same instant as the order's PaidUtc); that → the notifier marked its batch delivered (it marks a whole batch at once).
    /// </summary>
    private async Task WhereTheTimeGoesAsync()
    {
        await using var db = new SqliteConnection($"Data Source={app.Database};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var c = db.CreateCommand();
        c.CommandText = """
            SELECT (julianday(sp.CreatedUtc) - julianday(o.CreatedUtc)) * 86400000,
                   (julianday(pe.ReceivedUtc) - julianday(sn.CreatedUtc)) * 86400000,
                   (julianday(sn.DeliveredUtc) - julianday(pe.ReceivedUtc)) * 86400000,
                   sn.DeliveredUtc
            FROM SandboxNotifications sn
            JOIN SandboxPayments sp ON sp.Id = sn.PaymentId
            JOIN Orders o ON o.Number = sp.OrderNumber
            JOIN PaymentEvents pe ON pe.Provider = 'sandbox' AND pe.EventId = sn.EventId
            WHERE sn.Type = 'payment.succeeded' AND sn.DeliveredUtc IS NOT NULL
            """;
        List<double> placeToSession = [], payToWebhook = [], webhookToBatchEnd = [];
        var batches = new Dictionary<string, int>();
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                placeToSession.Add(r.GetDouble(0));
                payToWebhook.Add(r.GetDouble(1));
                webhookToBatchEnd.Add(r.GetDouble(2));
                batches[r.GetString(3)] = batches.GetValueOrDefault(r.GetString(3)) + 1;
            }
        Console.WriteLine("Server side, from the stored timestamps:");
        Console.WriteLine();
        Console.WriteLine("| ms | n | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("order saved → sandbox session saved", placeToSession);
        Row("pay committed → webhook in settlement", payToWebhook);
        Row("webhook in settlement → its batch marked delivered", webhookToBatchEnd);
        Console.WriteLine();
        if (batches.Count > 0)
            Console.WriteLine($"notifier batches: {batches.Count:N0}, {batches.Values.Average():0.0} notifications per batch on average, largest {batches.Values.Max()}");
        Console.WriteLine();
    }

    private List<double> Step(string name) => steps.TryGetValue(name, out var list) ? list : [];

    private static void Row(string name, List<double> values)
    {
        if (values.Count == 0) { Console.WriteLine($"| {name} | 0 | | | | |"); return; }
        values.Sort();
        double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {values.Count:N0} | {P(0.50):0.0} | {P(0.95):0.0} | {P(0.99):0.0} | {values[^1]:0.0} |"));
    }

    private void PrintFailures()
    {
        foreach (var f in failures.Take(20)) Console.Error.WriteLine("failure: " + f);
        if (failures.Count > 20) Console.Error.WriteLine($"… {failures.Count - 20} more");
    }

    private async Task<string> OrderNumberOfAsync(string key)
    {
        await using var db = new SqliteConnection($"Data Source={app.Database};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT Number FROM Orders WHERE IdempotencyKey = $key";
        command.Parameters.AddWithValue("$key", key);
        return (string?)await command.ExecuteScalarAsync() ?? throw new TransientException("order not visible yet");
    }

    private static string Token(string html) => AntiforgeryToken().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the page");

    // Razor Pages render name, type, value; Blazor's <AntiforgeryToken /> renders type, name, value.
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"sandbox-order\">([^<]+)<")]
    private static partial Regex OrderNumber();
}

static class ListExtensions
{
    public static void AddLocked(this List<double> list, double value)
    {
        lock (list) list.Add(value);
    }
}

/// <summary>
/// One reader for all buyers: every 20 ms it asks the database (read-only, WAL) which of the orders still waited for are
/// Paid, and completes their waits with the time it saw them. Cheaper than a poll per buyer; 20 ms resolution.
/// </summary>
sealed class PaidWatcher(string database) : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> waiting = new();
    private readonly CancellationTokenSource stop = new();
    private long lastPaid;

    public long LastPaidTimestamp => Interlocked.Read(ref lastPaid);

    public Task<long> WaitAsync(string orderNumber) =>
        waiting.GetOrAdd(orderNumber, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Stop() => stop.Cancel();

    public async Task RunAsync()
    {
        SqliteConnection? db = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var numbers = waiting.Keys.ToList();
                if (numbers.Count == 0) continue;
                try
                {
                    if (db is null)
                    {
                        db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
                        await db.OpenAsync();
                    }
                    foreach (var chunk in numbers.Chunk(500))
                    {
                        await using var c = db.CreateCommand();
                        c.CommandText = "SELECT Number FROM Orders WHERE Status IN (1, 2, 3) AND Number IN ("
                            + string.Join(',', chunk.Select((_, i) => "$n" + i)) + ")";
                        for (var i = 0; i < chunk.Length; i++) c.Parameters.AddWithValue("$n" + i, chunk[i]);
                        await using var r = await c.ExecuteReaderAsync();
                        var now = Stopwatch.GetTimestamp();
                        while (await r.ReadAsync())
                            if (waiting.TryRemove(r.GetString(0), out var tcs))
                            {
                                Interlocked.Exchange(ref lastPaid, now);
                                tcs.TrySetResult(now);
                            }
                    }
                }
                catch (SqliteException)
                {
                    // the app was killed mid-write and has not recovered the WAL yet: read again at the next tick
                    db?.Dispose();
                    db = null;
                }
            }
        }
        catch (OperationCanceledException) { }
        finally { db?.Dispose(); }
    }

    public void Dispose() => stop.Dispose();
}

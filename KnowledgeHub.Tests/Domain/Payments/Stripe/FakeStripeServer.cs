using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Tests.Domain.Payments.Stripe;

/// <summary>One request as the fake Stripe API received it: the form-encoded fields (body for POST, query for GET).</summary>
public sealed record StripeApiCall(string Method, string Path, IReadOnlyDictionary<string, string> Form, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>A canned answer: status code and JSON body, shaped like Stripe's API reference.</summary>
public sealed record StripeApiAnswer(int Status, string Json);

/// <summary>
/// Just enough of Stripe's v1 REST API on a loopback port: POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id},
/// POST /v1/refunds. Each route answers from a handler the test sets; every request is recorded.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    public ConcurrentQueue<StripeApiCall> Calls { get; } = new();
    public Func<StripeApiCall, StripeApiAnswer> CreateSession { get; set; } = _ => NotConfigured();
    public Func<string, StripeApiAnswer> GetSession { get; set; } = _ => NotConfigured();
    public Func<StripeApiCall, StripeApiAnswer> CreateRefund { get; set; } = _ => NotConfigured();
    public string Url { get; private set; } = "";

    private FakeStripeServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public static async Task<FakeStripeServer> StartAsync()
    {
        var server = new FakeStripeServer();
        await server.app.StartAsync();
        server.Url = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>Stripe's error envelope: {"error":{"type":..., "code":..., "message":...}}.</summary>
    public static StripeApiAnswer Error(int status, string type, string? code, string message) =>
        new(status, JsonSerializer.Serialize(new { error = new { type, code, message, doc_url = code is null ? null : $"https://stripe.com/docs/error-codes/{code}" } }));

    private static StripeApiAnswer NotConfigured() => Error(500, "api_error", null, "The fake has no answer for this route.");

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
            foreach (var field in await request.ReadFormAsync()) form[field.Key] = field.Value.ToString();
        foreach (var field in request.Query) form[field.Key] = field.Value.ToString();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new StripeApiCall(request.Method, request.Path.Value ?? "", form, headers);
        Calls.Enqueue(call);

        const string sessionsPath = "/v1/checkout/sessions";
        var answer = (request.Method, call.Path) switch
        {
            ("POST", sessionsPath) => CreateSession(call),
            ("GET", var p) when p.StartsWith(sessionsPath + "/", StringComparison.Ordinal) => GetSession(Uri.UnescapeDataString(p[(sessionsPath.Length + 1)..])),
            ("POST", "/v1/refunds") => CreateRefund(call),
            _ => Error(404, "invalid_request_error", null, $"Unrecognized request URL ({request.Method}: {call.Path})."),
        };
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        await http.Response.WriteAsync(answer.Json);
    }
}

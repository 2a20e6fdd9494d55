using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

/// <summary>How the fake signs its answer.</summary>
public enum FakeResponseSigning { Signed, TamperedAfterSigning, SignedByStranger, Unsigned }

/// <summary>One request the fake received, with whether its signature verified with the application public key.</summary>
public sealed record FakeAlipayRequest(string Method, IReadOnlyDictionary<string, string> Parameters, JsonElement Biz, bool SignatureValid, string? QueryCharset);

/// <summary>
/// A small stand-in for https://openapi.alipay.com/gateway.do on a loopback port: reads the form POST, checks the request
/// signature with the application public key the way Alipay documents it, and answers with
/// {"{method}_response":{...},"sign":"..."} where sign is RSA2 over the exact text of the response object.
/// </summary>
public sealed class FakeAlipayGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeAlipayRequest> requests = new();

    private FakeAlipayGateway(WebApplication app) => this.app = app;

    public string GatewayUrl { get; private set; } = "";
    public IReadOnlyList<FakeAlipayRequest> Requests => [.. requests];

    /// <summary>The response object's JSON text for a method and its biz_content; null answers 404.</summary>
    public Func<string, JsonElement, string?> Respond { get; set; } = (_, _) => null;

    public FakeResponseSigning Signing { get; set; } = FakeResponseSigning.Signed;
    public bool SignBeforeResponse { get; set; }
    public int StatusCode { get; set; } = 200;

    public static async Task<FakeAlipayGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAlipayGateway(app);
        app.MapPost("/gateway.do", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.GatewayUrl = address.TrimEnd('/') + "/gateway.do";
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var canonical = string.Join("&", parameters.Where(p => p.Key != "sign" && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var valid = parameters.TryGetValue("sign", out var sign) && sign.Length > 0 && AlipayTestKit.Verify(AlipayTestKit.AppKey, canonical, sign);
        var method = parameters.GetValueOrDefault("method") ?? "";
        var biz = JsonDocument.Parse(parameters.GetValueOrDefault("biz_content") ?? "{}").RootElement.Clone();
        requests.Enqueue(new FakeAlipayRequest(method, parameters, biz, valid, context.Request.Query["charset"]));

        var key = method.Replace('.', '_') + "_response";
        string? inner = valid
            ? Respond(method, biz)
            : """{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature","sub_msg":"验签出错"}""";
        if (inner is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var signed = Signing switch
        {
            FakeResponseSigning.SignedByStranger => AlipayTestKit.Sign(AlipayTestKit.StrangerKey, inner),
            FakeResponseSigning.Unsigned => null,
            _ => AlipayTestKit.Sign(AlipayTestKit.AlipayKey, inner),
        };
        if (Signing == FakeResponseSigning.TamperedAfterSigning) inner = TamperOneDigit(inner);
        var signPart = signed is null ? "" : $"\"sign\":\"{signed}\"";
        var json = SignBeforeResponse && signed is not null
            ? $"{{{signPart},\"{key}\":{inner}}}"
            : $"{{\"{key}\":{inner}{(signed is null ? "" : "," + signPart)}}}";

        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "text/html;charset=utf-8"; // what the real gateway sends
        await context.Response.WriteAsync(json, Encoding.UTF8);
    }

    /// <summary>Changes the last digit of the trade_no: still valid JSON meaning the same thing, one byte different.</summary>
    private static string TamperOneDigit(string inner)
    {
        var at = inner.IndexOf("\"trade_no\":\"", StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("Tampering needs a trade_no in the response.");
        var last = inner.IndexOf('"', at + "\"trade_no\":\"".Length) - 1;
        return string.Concat(inner.AsSpan(0, last), inner[last] == '0' ? "1" : "0", inner.AsSpan(last + 1));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

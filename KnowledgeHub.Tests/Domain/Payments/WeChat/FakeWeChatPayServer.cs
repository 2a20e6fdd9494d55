using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

public enum ResponseSigning { Valid, Corrupt, Missing, WrongSerial, StaleTimestamp }

/// <summary>
/// WeChat Pay API v3 as far as the gateway sees it, on a loopback port: every request's
/// <c>WECHATPAY2-SHA256-RSA2048</c> Authorization is verified with the merchant's public key (401 SIGN_ERROR, unsigned,
/// otherwise, like the real API), and every answer is signed with the platform key (Wechatpay-* headers).
/// </summary>
public sealed class FakeWeChatPayServer : IAsyncDisposable
{
    public sealed record Received(string Method, string Target, string Body, string Authorization);

    private readonly WebApplication app;
    private readonly RSA merchantPublicKey = RSA.Create();
    private readonly RSA platformKey = RSA.Create();
    private readonly TimeProvider clock;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public ConcurrentQueue<string> AuthorizationFailures { get; } = new();

    /// <summary>The answer to a verified request: status and JSON body (null for none).</summary>
    public Func<Received, (int Status, string? Body)> Respond { get; set; } =
        _ => (404, """{"code":"RESOURCE_NOT_EXISTS","message":"no handler"}""");

    public ResponseSigning Signing { get; set; } = ResponseSigning.Valid;
    public string Url { get; private set; } = "";

    private FakeWeChatPayServer(WeChatPayTestKit kit)
    {
        merchantPublicKey.ImportSubjectPublicKeyInfo(kit.MerchantKey.ExportSubjectPublicKeyInfo(), out _);
        platformKey.ImportPkcs8PrivateKey(kit.PlatformKey.ExportPkcs8PrivateKey(), out _);
        clock = kit.Clock;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public static async Task<FakeWeChatPayServer> StartAsync(WeChatPayTestKit kit)
    {
        var server = new FakeWeChatPayServer(kit);
        await server.app.StartAsync();
        server.Url = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        merchantPublicKey.Dispose();
        platformKey.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var received = new Received(request.Method, target, body, request.Headers.Authorization.ToString());
        Requests.Enqueue(received);

        var failure = VerifyAuthorization(received, request.Headers.UserAgent.ToString());
        if (failure is not null)
        {
            AuthorizationFailures.Enqueue(failure);
            http.Response.StatusCode = 401;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($$"""{"code":"SIGN_ERROR","message":"{{failure}}"}""");
            return;
        }

        var (status, answer) = Respond(received);
        var bytes = answer is null ? [] : Encoding.UTF8.GetBytes(answer);
        http.Response.StatusCode = status;
        if (Signing != ResponseSigning.Missing) Sign(http.Response, bytes);
        if (answer is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.Body.WriteAsync(bytes);
        }
    }

    /// <summary>Checks the scheme, mchid, serial_no and the SHA256withRSA signature over METHOD\nURL\ntimestamp\nnonce\nbody\n.</summary>
    private string? VerifyAuthorization(Received received, string userAgent)
    {
        const string scheme = "WECHATPAY2-SHA256-RSA2048 ";
        if (string.IsNullOrEmpty(userAgent)) return "User-Agent missing";
        if (!received.Authorization.StartsWith(scheme, StringComparison.Ordinal)) return "scheme";
        var fields = received.Authorization[scheme.Length..].Split(',')
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim().Trim('"'));
        if (fields.GetValueOrDefault("mchid") != WeChatPayTestKit.MerchantId) return "mchid";
        if (fields.GetValueOrDefault("serial_no") != WeChatPayTestKit.MerchantSerial) return "serial_no";
        if (!fields.TryGetValue("timestamp", out var timestamp) || !fields.TryGetValue("nonce_str", out var nonce)
            || !fields.TryGetValue("signature", out var signature)) return "fields";
        if (Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - long.Parse(timestamp)) > 300) return "timestamp";
        var message = $"{received.Method}\n{received.Target}\n{timestamp}\n{nonce}\n{received.Body}\n";
        return merchantPublicKey.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signature),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? null : "signature";
    }

    private void Sign(HttpResponse response, byte[] body)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var timestamp = (Signing == ResponseSigning.StaleTimestamp ? now - 400 : now).ToString();
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        byte[] message = [.. Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n"), .. body, (byte)'\n'];
        if (Signing == ResponseSigning.Corrupt) message[^2] ^= 0x01;
        var signature = platformKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        response.Headers["Wechatpay-Timestamp"] = timestamp;
        response.Headers["Wechatpay-Nonce"] = nonce;
        response.Headers["Wechatpay-Signature"] = Convert.ToBase64String(signature);
        response.Headers["Wechatpay-Serial"] = Signing == ResponseSigning.WrongSerial ? "PUB_KEY_ID_SOMEONE_ELSE" : WeChatPayTestKit.PlatformSerial;
    }
}

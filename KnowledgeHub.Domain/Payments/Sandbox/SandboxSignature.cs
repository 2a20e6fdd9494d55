using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KnowledgeHub.Domain.Data;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Payments.Sandbox;

/// <summary>
/// Header <c>KH-Sandbox-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>, the scheme Stripe uses.
/// Notifications older or newer than five minutes are refused, so a captured one cannot be replayed later.
/// </summary>
public sealed class SandboxSignature
{
    public const string Header = "KH-Sandbox-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly byte[] secret;

    public SandboxSignature(IOptions<PaymentOptions> options, DataPaths paths)
        : this(LoadSecret(options.Value.Sandbox.WebhookSecret, paths)) { }

    internal SandboxSignature(string secret) => this.secret = Encoding.UTF8.GetBytes(secret);

    /// <summary>A configured secret, else one generated once and kept in the data folder's keys directory.</summary>
    private static string LoadSecret(string configured, DataPaths paths)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var file = Path.Combine(paths.Keys, "sandbox-webhook.secret");
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        var generated = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Encoding.UTF8.GetBytes(generated));
            return generated;
        }
        catch (IOException) when (File.Exists(file))
        {
            return File.ReadAllText(file).Trim(); // another process wrote it first
        }
    }

    public string Sign(byte[] body, DateTimeOffset now)
    {
        var t = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Compute(t, body)}";
    }

    /// <summary>Null when the header is present, fresh and matches the exact body bytes; otherwise why not.</summary>
    public string? Verify(string? header, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return "missing signature";
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t") t = value;
            else if (key == "v1") signatures.Add(value);
        }
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)) return "malformed signature header";
        if (signatures.Count == 0) return "no v1 signature";
        if ((now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > Tolerance) return "timestamp outside the tolerance";
        var expected = Encoding.ASCII.GetBytes(Compute(t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected)) ? null : "signature mismatch";
    }

    private string Compute(string t, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }
}

namespace KnowledgeHub.Domain.Payments.Stripe;

/// <summary>
/// "KnowledgeHub:Payments:Stripe". Stripe is offered only when <see cref="Enabled"/> and both keys are present
/// (see <see cref="IsConfigured"/>). Keys come from configuration or the environment, never from the repository.
/// </summary>
public sealed class StripeGatewayOptions
{
    public const string Section = PaymentOptions.Section + ":Stripe";
    public const string DefaultApiBase = "https://api.stripe.com";

    public bool Enabled { get; set; }

    /// <summary>The secret API key (sk_live_..., sk_test_... or a restricted rk_... key), sent as the Bearer token.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (whsec_...).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Base URL of the API. Only tests change it (to a fake server on loopback).</summary>
    public string ApiBase { get; set; } = DefaultApiBase;

    /// <summary>How old (or how far in the future) a webhook's signed timestamp may be, in seconds.</summary>
    public long ToleranceSeconds { get; set; } = 300;

    /// <summary>Retries the SDK makes on connection errors, 409 and 5xx (it sends the same idempotency key).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Timeout of one HTTP request to the API.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured =>
        Enabled && !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);
}

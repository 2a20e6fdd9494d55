namespace KnowledgeHub.Domain.Payments;

/// <summary>
/// "KnowledgeHub:Payments". Each provider has its own sub-section; a provider is offered at checkout when it is
/// enabled and its keys are present. Secrets come from configuration or the environment, never from the repository.
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "KnowledgeHub:Payments";

    /// <summary>The public base URL of this site (https://shop.example.com), used for return and notify URLs when a request
    /// cannot tell (background jobs). Empty: taken from the request that starts the checkout.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Minutes a pending order waits for its payment before it expires.</summary>
    public int PaymentWindowMinutes { get; set; } = 30;

    /// <summary>Days after payment in which a learner may ask for a refund.</summary>
    public int RefundWindowDays { get; set; } = 7;

    /// <summary>A learner may ask for a refund while their progress in the course is below this percentage.</summary>
    public int RefundMaxProgressPercent { get; set; } = 30;

    public SandboxGatewayOptions Sandbox { get; set; } = new();
}

/// <summary>The built-in sandbox: a simulated cashier inside the app that notifies the webhook over real HTTP.</summary>
public sealed class SandboxGatewayOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>HMAC-SHA256 secret for notifications. Empty: a random secret is generated once and kept in the data folder.</summary>
    public string WebhookSecret { get; set; } = "";
}

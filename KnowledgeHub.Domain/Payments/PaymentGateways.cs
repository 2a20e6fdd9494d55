namespace KnowledgeHub.Domain.Payments;

/// <summary>The providers enabled in configuration, in display order (sandbox first when enabled).</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways)
{
    private static readonly string[] Order = ["sandbox", "alipay", "wechat", "stripe"];
    private readonly IReadOnlyList<IPaymentGateway> all = [.. gateways
        .GroupBy(g => g.Provider).Select(g => g.Last())
        .OrderBy(g => Array.IndexOf(Order, g.Provider) is var i and >= 0 ? i : Order.Length)];

    public IReadOnlyList<IPaymentGateway> Enabled => all;
    public IReadOnlyList<string> Providers => [.. all.Select(g => g.Provider)];

    public IPaymentGateway? Find(string? provider) => all.FirstOrDefault(g => string.Equals(g.Provider, provider, StringComparison.Ordinal));
}

using System.Globalization;

namespace KnowledgeHub.Domain.Common;

/// <summary>An amount of money in integer minor units (fen for CNY) with its ISO 4217 currency.</summary>
public sealed record Money(long MinorUnits, string Currency)
{
    public const string Cny = "CNY";

    public static Money Zero(string currency = Cny) => new(0, currency);
    public static Money Yuan(decimal yuan) => new((long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero), Cny);

    public bool IsZero => MinorUnits == 0;
    public decimal Major => MinorUnits / 100m;

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return this with { MinorUnits = checked(MinorUnits + other.MinorUnits) };
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return this with { MinorUnits = checked(MinorUnits - other.MinorUnits) };
    }

    private void EnsureSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
            throw new DomainException($"Cannot combine {Currency} with {other.Currency}.");
    }

    /// <summary>Formats as ¥49.90 for CNY in every UI culture (the symbol is fixed, digits follow the culture).</summary>
    public string Format(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var symbol = Currency == Cny ? "¥" : Currency + " ";
        var number = Major.ToString("#,##0.00", culture.NumberFormat);
        return MinorUnits < 0 ? $"-{symbol}{number.TrimStart('-')}" : symbol + number;
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture);
}

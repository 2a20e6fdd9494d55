namespace KnowledgeHub.Domain.Common;

/// <summary>A broken invariant: the caller asked an entity for something its state forbids.</summary>
public sealed class DomainException(string message) : Exception(message);

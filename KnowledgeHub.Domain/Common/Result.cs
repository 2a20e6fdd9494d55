namespace KnowledgeHub.Domain.Common;

/// <summary>An expected failure: a stable code for programs and a message for people.</summary>
public sealed record Error(string Code, string Message);

public class Result
{
    protected Result(Error? error) => Error = error;
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static Result Ok() => new(null);
    public static Result Fail(string code, string message) => new(new Error(code, message));
    public static Result<T> Ok<T>(T value) => new(value, null);
}

public sealed class Result<T> : Result
{
    internal Result(T? value, Error? error) : base(error) => Value = value;
    public T? Value { get; }
    public static new Result<T> Fail(string code, string message) => new(default, new Error(code, message));
}

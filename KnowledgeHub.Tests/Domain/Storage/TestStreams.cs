namespace KnowledgeHub.Tests.Domain.Storage;

/// <summary>
/// A request body as the server sees it: no length, no seeking, arriving in small reads. Optionally it breaks (throws) or
/// gets cancelled (the browser's cancel button) after <c>failAfter</c> bytes.
/// </summary>
public sealed class UploadBody(byte[] content, int failAfter = int.MaxValue, CancellationTokenSource? cancelAt = null, int chunk = 1000) : Stream
{
    private int position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (position >= failAfter)
        {
            if (cancelAt is null) throw new IOException("The connection was reset.");
            await cancelAt.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
        var count = Math.Min(Math.Min(buffer.Length, chunk), Math.Min(content.Length, failAfter) - position);
        if (count <= 0) return 0;
        content.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("reads are async");
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

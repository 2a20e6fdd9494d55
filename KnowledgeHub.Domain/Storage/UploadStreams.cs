namespace KnowledgeHub.Domain.Storage;

/// <summary>Thrown by <see cref="LimitedReadStream"/> when the content goes past the limit; the upload is abandoned.</summary>
internal sealed class UploadTooLargeException(long limit) : IOException($"The upload is larger than {limit} bytes.");

/// <summary>
/// Reads the bytes already taken from the source for the signature check, then the rest of the source, and fails with
/// <see cref="UploadTooLargeException"/> as soon as more than <c>limit</c> bytes came through: the size is enforced while
/// copying, whatever Content-Length claimed (or when there was none).
/// </summary>
internal sealed class LimitedReadStream(ReadOnlyMemory<byte> head, Stream source, long limit) : Stream
{
    private ReadOnlyMemory<byte> head = head;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!head.IsEmpty)
        {
            read = Math.Min(head.Length, buffer.Length);
            head[..read].CopyTo(buffer);
            head = head[read..];
        }
        else
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }
        BytesRead += read;
        if (BytesRead > limit) throw new UploadTooLargeException(limit);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace KnowledgeHub.Domain.Storage;

/// <summary>
/// Files in an S3-compatible bucket. Uploads are streamed in parts of <see cref="PartSize"/> (one part in memory per
/// upload, never the whole file): a file shorter than one part is a single PUT, a longer one a multipart upload that is
/// aborted when reading or writing fails, so no object and no orphaned parts remain. Reads are seekable streams that
/// fetch byte ranges (ranged GetObject) only when read, which is what HTTP range requests and video seeking need.
/// </summary>
public sealed class S3FileStore(IAmazonS3 s3, string bucket, string keyPrefix = "") : IFileStore, IDisposable
{
    /// <summary>8 MiB: above S3's 5 MiB minimum part size; 10,000 parts allow files up to 80 GiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public static S3FileStore Create(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Checksums only where the API requires them: S3-compatible servers (MinIO, R2, older Ceph) reject or
            // mishandle the CRC trailers newer SDKs send by default, and a ranged read has no whole-object checksum.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)) config.ServiceURL = options.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        var client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config) // the SDK's default chain: environment, profile, instance role
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        return new S3FileStore(client, options.Bucket, options.KeyPrefix);
    }

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken ct)
    {
        var objectKey = ObjectKey(key) ?? throw new ArgumentException($"Not a storage key: {key}", nameof(key));
        var contentType = FileKeys.TypeOf(key)!.ContentType;
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            if (filled < PartSize)
            {
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket, Key = objectKey, ContentType = contentType,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false), UseChunkEncoding = false,
                }, ct);
                return filled;
            }
            return await WriteMultipartAsync(objectKey, contentType, content, buffer, filled, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> WriteMultipartAsync(string objectKey, string contentType, Stream content, byte[] buffer, int filled, CancellationToken ct)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = objectKey, ContentType = contentType,
        }, ct);
        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            while (filled > 0)
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = objectKey, UploadId = upload.UploadId, PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false), PartSize = filled, UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                total += filled;
                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = objectKey, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
            return total;
        }
        catch
        {
            // Not the request's token: a cancelled upload must still release its parts.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = bucket, Key = objectKey, UploadId = upload.UploadId,
            }, CancellationToken.None);
            throw;
        }
    }

    public async Task<FileStoreObject?> OpenReadAsync(string key, CancellationToken ct)
    {
        if (ObjectKey(key) is not { } objectKey || FileKeys.TypeOf(key) is not { } type) return null;
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = objectKey }, ct);
            var length = head.Headers.ContentLength;
            var modified = head.LastModified is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
            return new FileStoreObject(new S3RangeReadStream(s3, bucket, objectKey, length), length, modified, type);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        if (ObjectKey(key) is { } objectKey)
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = objectKey }, ct);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        if (ObjectKey(key) is not { } objectKey) return false;
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = objectKey }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose() => s3.Dispose();

    private string? ObjectKey(string key) => FileKeys.IsValid(key) ? keyPrefix + key : null;
}

/// <summary>
/// A read-only, seekable view of an S3 object: each read from a new position opens a ranged GetObject from there to the
/// end and reads it sequentially; seeking drops the open response. ASP.NET Core's range processing seeks to the range's
/// start and reads only the range's length, then disposes the stream, which drops the rest of the response.
/// </summary>
internal sealed class S3RangeReadStream(IAmazonS3 s3, string bucket, string objectKey, long length) : Stream
{
    private GetObjectResponse? response;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || position >= length) return 0;
        response ??= await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket, Key = objectKey, ByteRange = new ByteRange(position, length - 1),
        }, cancellationToken);
        var read = await response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0) throw new IOException($"The object {objectKey} ended at {position} of {length} bytes.");
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != position)
        {
            DropResponse();
            position = target;
        }
        return position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropResponse();
        base.Dispose(disposing);
    }

    private void DropResponse()
    {
        response?.Dispose();
        response = null;
    }
}

namespace KnowledgeHub.Domain.Storage;

public enum StorageProvider
{
    /// <summary>Files in <c>&lt;DataDirectory&gt;/uploads/media</c>.</summary>
    Local,
    /// <summary>An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2, Aliyun OSS, Tencent COS...).</summary>
    S3,
}

/// <summary>The "KnowledgeHub:Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "KnowledgeHub:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Local;
    public S3StorageOptions S3 { get; set; } = new();
}

/// <summary>"KnowledgeHub:Storage:S3": where the bucket is and the keys to it (put the secret in an environment variable or a secret store).</summary>
public sealed class S3StorageOptions
{
    /// <summary>The endpoint of an S3-compatible server, e.g. <c>http://127.0.0.1:9000</c> for MinIO; empty for AWS itself (then <see cref="Region"/> decides).</summary>
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string Bucket { get; set; } = "";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Bucket in the path (<c>http://host/bucket/key</c>) instead of the host name: what MinIO and most self-hosted servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
    /// <summary>Prepended to every key, to share a bucket with other data (e.g. <c>knowledgehub/</c>).</summary>
    public string KeyPrefix { get; set; } = "";
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The file store named by "KnowledgeHub:Storage:Provider" ("Local", the default, or "S3"), the upload limits of
    /// "KnowledgeHub:Uploads" and the <see cref="UploadService"/>. An S3 store without a bucket fails at start-up.
    /// </summary>
    public static IServiceCollection AddKnowledgeHubStorage(this IServiceCollection services, IConfiguration configuration, string localRoot)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.Provider != StorageProvider.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                $"{StorageOptions.Section}:S3:Bucket is required when {StorageOptions.Section}:Provider is S3.")
            .ValidateOnStart();
        services.AddOptions<UploadLimits>().Bind(configuration.GetSection(UploadLimits.Section))
            .Validate(o => o.VideoMaxBytes > 0 && o.FileMaxBytes > 0 && o.ImageMaxBytes > 0, $"{UploadLimits.Section}: limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IFileStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.S3 ? S3FileStore.Create(options.S3) : new LocalDiskFileStore(localRoot);
        });
        services.AddSingleton<UploadService>();
        services.AddSingleton<CoverQueries>();
        return services;
    }
}

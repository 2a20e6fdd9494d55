using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Accounts;

public sealed record ProfileModel(int UserId, string Email, string DisplayName, string? Bio, string? AvatarPath, string? PreferredCulture);

/// <summary>The learner's own profile: display name, bio, preferred language and avatar.</summary>
public sealed class ProfileService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, DataPaths paths)
{
    public const long AvatarMaxBytes = 2 * 1024 * 1024;

    public async Task<ProfileModel?> GetAsync(int userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new ProfileModel(u.Id, u.Email ?? "", u.DisplayName, u.Bio, u.AvatarPath, u.PreferredCulture))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<string?> GetPreferredCultureAsync(int userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PreferredCulture).SingleOrDefaultAsync(ct);
    }

    public async Task<Result> UpdateAsync(int userId, string displayName, string? bio, string? preferredCulture, CancellationToken ct)
    {
        displayName = displayName.Trim();
        if (displayName.Length == 0) return Result.Fail("profile.name_required", "DisplayNameRequired");
        if (displayName.Length > ApplicationUser.DisplayNameMaxLength) return Result.Fail("profile.name_too_long", "DisplayNameTooLong");
        if (bio is { Length: > ApplicationUser.BioMaxLength }) return Result.Fail("profile.bio_too_long", "BioTooLong");
        if (preferredCulture is { Length: > 0 } && !SupportedCultures.IsSupported(preferredCulture))
            return Result.Fail("profile.culture_unsupported", "CultureUnsupported");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result.Fail("profile.not_found", "UserNotFound");
        user.DisplayName = displayName;
        user.Bio = string.IsNullOrWhiteSpace(bio) ? null : bio.Trim();
        user.PreferredCulture = string.IsNullOrWhiteSpace(preferredCulture) ? null : preferredCulture;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// Stores a new avatar. The content decides the type (PNG, JPEG, WebP magic bytes), not the file name;
    /// the file is written to a temporary name first so a failed upload leaves nothing behind.
    /// </summary>
    public async Task<Result<string>> SetAvatarAsync(int userId, Stream content, long length, CancellationToken ct)
    {
        if (length <= 0) return Result<string>.Fail("avatar.empty", "AvatarEmpty");
        if (length > AvatarMaxBytes) return Result<string>.Fail("avatar.too_large", "AvatarTooLarge");

        var header = new byte[12];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        var extension = ImageSniffer.Extension(header.AsSpan(0, read));
        if (extension is null) return Result<string>.Fail("avatar.not_image", "AvatarNotImage");

        var folder = Path.Combine(paths.Uploads, "avatars");
        Directory.CreateDirectory(folder);
        var relative = $"avatars/{userId}-{Guid.NewGuid():N}{extension}";
        var final = Path.Combine(paths.Uploads, relative);
        var temp = final + ".part";
        try
        {
            await using (var file = File.Create(temp))
            {
                await file.WriteAsync(header.AsMemory(0, read), ct);
                var buffer = new byte[81920];
                long total = read;
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += n;
                    if (total > AvatarMaxBytes) throw new InvalidDataException();
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            File.Move(temp, final);
        }
        catch (InvalidDataException)
        {
            File.Delete(temp);
            return Result<string>.Fail("avatar.too_large", "AvatarTooLarge");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var previous = user.AvatarPath;
        user.AvatarPath = relative;
        await db.SaveChangesAsync(ct);
        if (previous is not null) File.Delete(Path.Combine(paths.Uploads, previous));
        return Result.Ok(relative);
    }
}

public static class ImageSniffer
{
    /// <summary>The file extension for PNG, JPEG or WebP content, or null for anything else.</summary>
    public static string? Extension(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 8 && h[..8].SequenceEqual<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ".png";
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return ".jpg";
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return ".webp";
        return null;
    }

    public static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".png" => "image/png",
        ".jpg" => "image/jpeg",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };
}

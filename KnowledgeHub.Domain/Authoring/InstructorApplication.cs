using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Authoring;

public enum InstructorApplicationStatus { Pending = 0, Approved = 1, Declined = 2 }

/// <summary>A learner's request to teach. One may be pending per user (a partial unique index backs that up).</summary>
public sealed class InstructorApplication
{
    public const int BioMaxLength = 2000;
    public const int ExpertiseMaxLength = 500;
    public const int SampleUrlMaxLength = 500;
    public const int ReasonMaxLength = 1000;

    private InstructorApplication() { }

    public InstructorApplication(int userId, string bio, string expertise, string? sampleUrl, DateTime submittedUtc)
    {
        if (Check(bio, expertise, sampleUrl) is { } error) throw new DomainException($"Instructor application refused: {error.Code}.");
        UserId = userId;
        Bio = bio.Trim();
        Expertise = expertise.Trim();
        SampleUrl = string.IsNullOrWhiteSpace(sampleUrl) ? null : sampleUrl.Trim();
        Status = InstructorApplicationStatus.Pending;
        SubmittedUtc = submittedUtc;
    }

    public int Id { get; private set; }
    public int UserId { get; private set; }
    public string Bio { get; private set; } = "";
    /// <summary>What the applicant would teach.</summary>
    public string Expertise { get; private set; } = "";
    /// <summary>An http(s) link to sample work (video, article, repository); optional.</summary>
    public string? SampleUrl { get; private set; }
    public InstructorApplicationStatus Status { get; private set; }
    public DateTime SubmittedUtc { get; private set; }
    public DateTime? DecidedUtc { get; private set; }
    public int? DecidedById { get; private set; }
    public string? DeclineReason { get; private set; }

    public bool IsPending => Status == InstructorApplicationStatus.Pending;

    public void Approve(int adminId, DateTime nowUtc)
    {
        if (!IsPending) throw new DomainException($"Application {Id} is {Status} and cannot be approved.");
        Status = InstructorApplicationStatus.Approved;
        DecidedById = adminId;
        DecidedUtc = nowUtc;
    }

    public void Decline(int adminId, string reason, DateTime nowUtc)
    {
        if (!IsPending) throw new DomainException($"Application {Id} is {Status} and cannot be declined.");
        if (CheckReason(reason) is not null) throw new DomainException("A decline needs a reason of reasonable length.");
        Status = InstructorApplicationStatus.Declined;
        DeclineReason = reason.Trim();
        DecidedById = adminId;
        DecidedUtc = nowUtc;
    }

    /// <summary>The first problem of an application's fields, or null.</summary>
    public static Error? Check(string? bio, string? expertise, string? sampleUrl)
    {
        if (string.IsNullOrWhiteSpace(bio)) return new("application.bio_required", "ApplicationBioRequired");
        if (bio.Trim().Length > BioMaxLength) return new("application.bio_too_long", "ApplicationBioTooLong");
        if (string.IsNullOrWhiteSpace(expertise)) return new("application.expertise_required", "ApplicationExpertiseRequired");
        if (expertise.Trim().Length > ExpertiseMaxLength) return new("application.expertise_too_long", "ApplicationExpertiseTooLong");
        if (!string.IsNullOrWhiteSpace(sampleUrl) && !IsWebLink(sampleUrl.Trim())) return new("application.link_invalid", "ApplicationLinkInvalid");
        return null;
    }

    public static Error? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new("application.reason_required", "ApplicationReasonRequired")
        : reason.Trim().Length > ReasonMaxLength ? new("application.reason_too_long", "ApplicationReasonTooLong")
        : null;

    /// <summary>An absolute http or https URL with a host, no user info, short enough to store.</summary>
    public static bool IsWebLink(string url) =>
        url.Length <= SampleUrlMaxLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && uri.UserInfo.Length == 0;
}

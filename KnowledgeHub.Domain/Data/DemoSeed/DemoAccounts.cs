namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>The demo accounts the seed creates; printed at start-up and listed in README.</summary>
public static class DemoAccounts
{
    public const string AdminEmail = "admin@knowledgehub.demo";
    public const string AdminPassword = "kh-admin-demo-2026";
    public const string InstructorEmail = "teacher@knowledgehub.demo";
    public const string InstructorPassword = "kh-teach-demo-2026";
    public const string LearnerEmail = "learner@knowledgehub.demo";
    public const string LearnerPassword = "kh-learn-demo-2026";
    /// <summary>The other 9 instructors and 299 learners share this password (instructor02@…, learner002@…).</summary>
    public const string SharedPassword = "kh-demo-shared-2026";

    public static readonly IReadOnlyList<(string Role, string Email, string Password)> Listed =
    [
        ("Admin", AdminEmail, AdminPassword),
        ("Instructor", InstructorEmail, InstructorPassword),
        ("Learner", LearnerEmail, LearnerPassword),
    ];
}

namespace KnowledgeHub.Domain.Accounts;

/// <summary>The three roles. Every account is a Learner; Instructor and Admin are granted.</summary>
public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Learner, Instructor, Admin];
}

/// <summary>Authorization policy names, in one place. Web registers them in AddKnowledgeHubWeb().</summary>
public static class Policies
{
    /// <summary>Instructors and admins: the /teach area.</summary>
    public const string CanTeach = "CanTeach";
    /// <summary>Admins only: the /admin area.</summary>
    public const string CanAdminister = "CanAdminister";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [CanTeach] = [Roles.Instructor, Roles.Admin],
        [CanAdminister] = [Roles.Admin],
    };
}

using KnowledgeHub.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Domain.Authoring;

public static class AuthoringServiceCollectionExtensions
{
    /// <summary>The instructor side: dashboard and sales figures, the course editor and review workflow, applications to teach, media access.</summary>
    public static IServiceCollection AddAuthoring(this IServiceCollection services)
    {
        services.AddSingleton<InstructorDashboardQueries>();
        services.AddSingleton<InstructorSalesQueries>();
        services.AddSingleton<CourseAuthoringService>();
        services.AddSingleton<InstructorApplicationService>();
        services.AddSingleton<ILessonMediaAccess, LessonMediaAccess>();
        return services;
    }
}

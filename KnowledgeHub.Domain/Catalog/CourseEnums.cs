namespace KnowledgeHub.Domain.Catalog;

public enum CourseLevel { Beginner = 0, Intermediate = 1, Advanced = 2, AllLevels = 3 }

public enum CourseStatus { Draft = 0, Submitted = 1, Published = 2, Unlisted = 3, Archived = 4 }

public enum LessonKind { Video = 0, Article = 1, File = 2, Quiz = 3 }

using System.Text;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>Turns a <see cref="CourseSpec"/> into a course with a Markdown description and a generated curriculum.</summary>
internal static class DemoCurriculum
{
    private static readonly int[] LessonsPerSection = [2, 3, 3, 4, 4, 4, 5, 5, 6];

    public static Course Build(CourseSpec spec, int categoryId, int instructorId, CategorySpec top, string coverStyle, DateTime createdUtc, Random rng)
    {
        var en = spec.IsEnglish;
        var topics = spec.Topics;
        var course = new Course(spec.Slug, spec.Title, spec.Subtitle, Describe(spec, topics), categoryId, instructorId,
            Money.Yuan(spec.Price), spec.Level, spec.Language, createdUtc);
        course.Describe(Outcomes(topics, en), Requirements(spec.Level, top, en), spec.Tags.Split(','), coverStyle);

        for (var s = 0; s < topics.Length; s++)
        {
            var topic = topics[s];
            var section = course.AddSection(topic);
            var count = LessonsPerSection[rng.Next(LessonsPerSection.Length)];
            var withQuiz = count >= 3 && rng.NextDouble() < 0.35;
            var videos = en ? DemoPhrases.VideoEn : DemoPhrases.VideoZh;
            var nextVideo = 1;
            for (var l = 0; l < count; l++)
            {
                var first = s == 0 && l == 0;
                var preview = first || (s == 0 && l == 1 && rng.NextDouble() < 0.6);
                if (first)
                    section.AddLesson(en ? DemoPhrases.IntroEn : DemoPhrases.IntroZh, LessonKind.Video, VideoSeconds(rng), true);
                else if (l == 0)
                    section.AddLesson(string.Format(videos[0], topic), LessonKind.Video, VideoSeconds(rng), preview);
                else if (withQuiz && l == count - 1)
                    section.AddLesson(en ? DemoPhrases.QuizTitleEn : DemoPhrases.QuizTitleZh, LessonKind.Quiz, 60 * rng.Next(3, 8), false);
                else
                {
                    var roll = rng.NextDouble();
                    if (roll < 0.12)
                        section.AddLesson(string.Format(en ? DemoPhrases.ArticleTitleEn : DemoPhrases.ArticleTitleZh, topic), LessonKind.Article,
                            60 * rng.Next(4, 11), preview, string.Format(en ? DemoPhrases.ArticleBodyEn : DemoPhrases.ArticleBodyZh, topic));
                    else if (roll < 0.17)
                        section.AddLesson(en ? DemoPhrases.FileTitleEn : DemoPhrases.FileTitleZh, LessonKind.File, 0, preview);
                    else
                        section.AddLesson(videos[Math.Min(nextVideo++, videos.Length - 1)], LessonKind.Video, VideoSeconds(rng), preview);
                }
            }
        }
        course.RefreshTotals();
        return course;
    }

    /// <summary>3 to 25 minutes, most between 6 and 15.</summary>
    private static int VideoSeconds(Random rng) => (rng.Next(180, 1501) + rng.Next(180, 1501)) / 2;

    private static string Describe(CourseSpec spec, string[] topics)
    {
        var bold = string.Join(spec.IsEnglish ? ", " : "、", topics.Select(t => $"**{t}**"));
        var second = spec.IsEnglish
            ? $"Across {topics.Length} sections we cover {bold}. Every section ends with practice, so by the end you will have built something real. {Audience(spec.Level, true)}"
            : $"课程共 {topics.Length} 章，依次讲解{bold}。每章都配有练习，学完即可独立完成一个完整的小项目。{Audience(spec.Level, false)}";
        return spec.Pitch + "\n\n" + second;
    }

    private static string Audience(CourseLevel level, bool en) => (level, en) switch
    {
        (CourseLevel.Beginner, false) => "适合零基础、想快速入门的同学。",
        (CourseLevel.Intermediate, false) => "适合有一定基础、希望系统提升的学习者。",
        (CourseLevel.Advanced, false) => "适合希望深入原理、解决复杂问题的进阶学习者。",
        (_, false) => "无论你处在哪个阶段，都能找到适合自己的内容。",
        (CourseLevel.Beginner, true) => "Ideal if you are starting from scratch.",
        (CourseLevel.Intermediate, true) => "Ideal if you know the basics and want to go further.",
        (CourseLevel.Advanced, true) => "Ideal for practitioners who want depth.",
        _ => "Useful at every level.",
    };

    private static string Outcomes(string[] topics, bool en)
    {
        var templates = en ? DemoPhrases.OutcomesEn : DemoPhrases.OutcomesZh;
        var text = new StringBuilder();
        for (var i = 0; i < templates.Length; i++)
        {
            var topic = i == templates.Length - 1 ? topics[^1] : topics[Math.Min(i, topics.Length - 1)];
            text.Append(string.Format(templates[i], topic)).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    private static string Requirements(CourseLevel level, CategorySpec top, bool en) => (level, en) switch
    {
        (CourseLevel.Beginner, false) => "- 一台能上网的电脑或手机\n- 无需任何基础，跟着课程一步步来",
        (CourseLevel.Intermediate, false) => $"- 具备{top.NameZh}方面的基础知识\n- 每周能投入 3–5 小时练习",
        (CourseLevel.Advanced, false) => $"- 有{top.NameZh}相关的项目或工作经验\n- 熟悉常用工具和基本概念",
        (_, false) => $"- 对{top.NameZh}感兴趣即可\n- 愿意每天花一点时间练习",
        (CourseLevel.Beginner, true) => "- A computer with internet access\n- No prior experience needed",
        (CourseLevel.Intermediate, true) => $"- Basic knowledge of {top.NameEn.ToLowerInvariant()}\n- 3–5 hours a week to practise",
        (CourseLevel.Advanced, true) => $"- Hands-on experience with {top.NameEn.ToLowerInvariant()}\n- Comfort with the usual tools",
        _ => $"- An interest in {top.NameEn.ToLowerInvariant()}\n- A little time every day to practise",
    };
}

using Bunit;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Shared;

namespace KnowledgeHub.Tests.Components;

public sealed class CourseCardTests : MudBunitContext
{
    private static CourseCardModel Course(long priceFen = 19900, int ratings = 128) => new(
        7, "ml-intro", "机器学习入门", "从零开始", "张伟", "zhang-wei", 4.66, ratings, 2048, new Money(priceFen, Money.Cny),
        CourseLevel.Beginner, "zh-CN", "#1A5FD0,#0F9D8A,Psychology", "人工智能", "AI & Data", 3 * 3600 + 20 * 60, 24);

    [Fact]
    public void Render_PaidCourseInChinese_ShowsTitleInstructorRatingAndYuanPrice()
    {
        UseCulture("zh-CN");
        var cut = Render<CourseCard>(p => p.Add(c => c.Course, Course()));

        Assert.Contains("机器学习入门", cut.Markup);
        Assert.Contains("张伟", cut.Markup);
        Assert.Equal("¥199.00", cut.Find(".kh-price").TextContent.Trim());
        Assert.Equal("4.7", cut.Find(".kh-rating-number").TextContent.Trim());
        Assert.Contains("(128)", cut.Markup);
        Assert.Contains("人工智能", cut.Markup);
        Assert.Contains("入门 · 3 小时 20 分钟", cut.Markup);
        Assert.All(cut.FindAll("a"), a => Assert.Equal("/courses/ml-intro", a.GetAttribute("href")));
    }

    [Fact]
    public void Render_FreeUnratedCourseInEnglish_SaysFreeAndNoRatingsYet()
    {
        UseCulture("en-US");
        var cut = Render<CourseCard>(p => p.Add(c => c.Course, Course(priceFen: 0, ratings: 0)));

        Assert.Equal("Free", cut.Find(".kh-price").TextContent.Trim());
        Assert.Contains("No ratings yet", cut.Markup);
        Assert.Contains("AI &amp; Data", cut.Markup);
        Assert.Empty(cut.FindAll(".kh-rating-number"));
    }
}

using Bunit;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Reviews;

namespace KnowledgeHub.Tests.Components.Reviews;

public sealed class ReviewFormTests : MudBunitContext
{
    private readonly List<(int Rating, string Text)> submitted = [];

    private IRenderedComponent<ReviewForm> RenderForm(int rating = 0, string? text = null) => Render<ReviewForm>(p => p
        .Add(c => c.InitialRating, rating)
        .Add(c => c.InitialText, text)
        .Add(c => c.OnSubmit, ((int Rating, string Text) review) => submitted.Add(review)));

    [Fact]
    public void Submit_WithoutStars_ShowsTheValidationMessageAndDoesNotCallOnSubmit()
    {
        UseCulture("en-US");
        var cut = RenderForm();
        cut.Find("textarea").Input("Nice course");

        cut.Find("button.kh-review-submit").Click();

        Assert.Empty(submitted);
        var message = cut.Find(".kh-review-rating-error");
        Assert.Equal("Choose 1 to 5 stars.", message.TextContent.Trim());
        Assert.Equal("alert", message.GetAttribute("role"));
    }

    [Fact]
    public void Submit_FourStarsAndText_CallsOnSubmitWithBoth()
    {
        UseCulture("zh-CN");
        var cut = RenderForm();

        cut.FindAll(".mud-rating-item")[3].Click();
        cut.Find("textarea").Input("讲得很清楚 <b>推荐</b>");
        cut.Find("button.kh-review-submit").Click();

        Assert.Equal([(4, "讲得很清楚 <b>推荐</b>")], submitted);
        Assert.Empty(cut.FindAll(".kh-review-rating-error"));
    }

    [Fact]
    public void Submit_AfterAMissingRatingIsFixed_ClearsTheMessageAndSubmits()
    {
        UseCulture("en-US");
        var cut = RenderForm();
        cut.Find("button.kh-review-submit").Click();

        cut.FindAll(".mud-rating-item")[4].Click();

        Assert.Empty(cut.FindAll(".kh-review-rating-error"));
        cut.Find("button.kh-review-submit").Click();
        Assert.Equal([(5, "")], submitted);
    }

    [Fact]
    public void Render_TextField_HasTheCounterAndTheLimit()
    {
        UseCulture("en-US");
        var cut = RenderForm();

        Assert.Equal(Review.TextMaxLength.ToString(), cut.Find("textarea").GetAttribute("maxlength"));
        Assert.Contains($"0 / {Review.TextMaxLength}", cut.Markup);

        cut.Find("textarea").Input("Hello");

        Assert.Contains($"5 / {Review.TextMaxLength}", cut.Markup);
    }

    [Fact]
    public void Render_ExistingReview_StartsFromItAndOffersAnUpdate()
    {
        UseCulture("en-US");
        var cut = RenderForm(rating: 3, text: "OK so far");

        Assert.Equal("OK so far", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        Assert.Equal("Update review", cut.Find("button.kh-review-submit").TextContent.Trim());
        cut.Find("button.kh-review-submit").Click();
        Assert.Equal([(3, "OK so far")], submitted);
    }

    [Fact]
    public async Task Submit_WhileSaving_DisablesTheButtonUntilOnSubmitCompletes()
    {
        UseCulture("en-US");
        var release = new TaskCompletionSource();
        var calls = 0;
        var cut = Render<ReviewForm>(p => p
            .Add(c => c.InitialRating, 5)
            .Add(c => c.OnSubmit, async ((int Rating, string Text) _) => { calls++; await release.Task; }));

        cut.Find("button.kh-review-submit").Click();

        Assert.True(cut.Find("button.kh-review-submit").HasAttribute("disabled"));
        Assert.Equal("Saving…", cut.Find("button.kh-review-submit").TextContent.Trim());
        release.SetResult();
        await cut.WaitForAssertionAsync(() => Assert.False(cut.Find("button.kh-review-submit").HasAttribute("disabled")));
        Assert.Equal(1, calls);
    }
}

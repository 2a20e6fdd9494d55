using Bunit;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Components;

public sealed class LanguageSwitcherTests : MudBunitContext
{
    [Fact]
    public void Render_ChineseCulture_MarksChineseAsCurrent()
    {
        UseCulture("zh-CN");
        var cut = Render<LanguageSwitcher>();

        Assert.Equal("true", Link(cut, "中文").GetAttribute("aria-current"));
        Assert.Null(Link(cut, "English").GetAttribute("aria-current"));
        Assert.Equal("语言", cut.Find("nav").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_OnAPage_EachLanguageLinksToTheSwitchAndBackToThisPage()
    {
        UseCulture("zh-CN");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/courses?q=python");
        var cut = Render<LanguageSwitcher>();

        Assert.Equal("/culture/set?culture=en-US&redirectUri=%2Fcourses%3Fq%3Dpython", Link(cut, "English").GetAttribute("href"));
        Assert.Equal("/culture/set?culture=zh-CN&redirectUri=%2Fcourses%3Fq%3Dpython", Link(cut, "中文").GetAttribute("href"));
        // A full page load: the new culture needs a fresh render, not an enhanced-navigation patch.
        Assert.Equal("false", Link(cut, "English").GetAttribute("data-enhance-nav"));
    }

    [Fact]
    public void Render_EnglishCulture_MarksEnglishAsCurrent()
    {
        UseCulture("en-US");
        var cut = Render<LanguageSwitcher>();

        Assert.Equal("true", Link(cut, "English").GetAttribute("aria-current"));
        Assert.Equal("Language", cut.Find("nav").GetAttribute("aria-label"));
    }

    private static AngleSharp.Dom.IElement Link(IRenderedComponent<LanguageSwitcher> cut, string text) =>
        cut.FindAll("a").Single(a => a.TextContent.Trim() == text);
}

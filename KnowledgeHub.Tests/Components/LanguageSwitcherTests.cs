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

        var chinese = cut.FindAll("button").Single(b => b.TextContent.Trim() == "中文");
        var english = cut.FindAll("button").Single(b => b.TextContent.Trim() == "English");
        Assert.Equal("true", chinese.GetAttribute("aria-pressed"));
        Assert.Equal("false", english.GetAttribute("aria-pressed"));
        Assert.Equal("语言", cut.Find("[role=group]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Click_English_GoesToTheSwitchEndpointAndBackToThisPage()
    {
        UseCulture("zh-CN");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/courses?q=python");
        var cut = Render<LanguageSwitcher>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "English").Click();

        Assert.Equal("http://localhost/culture/set?culture=en-US&redirectUri=%2Fcourses%3Fq%3Dpython", nav.Uri);
    }

    [Fact]
    public void Click_CurrentLanguage_StaysOnThePage()
    {
        UseCulture("en-US");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/teach");
        var cut = Render<LanguageSwitcher>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "English").Click();

        Assert.Equal("http://localhost/teach", nav.Uri);
    }
}

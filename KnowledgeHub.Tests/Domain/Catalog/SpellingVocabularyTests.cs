using KnowledgeHub.Domain.Catalog.Search;

namespace KnowledgeHub.Tests.Domain.Catalog;

public sealed class SpellingVocabularyTests
{
    private static readonly SpellingVocabulary Vocabulary = SpellingVocabulary.Build(
    [
        "Python 数据分析实战", "Python for Everyone", "Go 语言入门", "Docker 与 Kubernetes", "机器学习入门", "深度学习实战",
        "Excel 函数与透视表", "Photoshop 修图", "React Hooks", "机器学习,深度学习,Python", // tags
    ]);

    [Theory]
    [InlineData("Pyhton", "Python")] // two letters swapped: one edit
    [InlineData("pythn", "Python")] // one letter missing, any case
    [InlineData("Dockerr", "Docker")]
    [InlineData("Exsell", "Excel")] // two edits from five letters on
    [InlineData("机器学系", "机器学习")]
    [InlineData("数据分系实战", "数据分析实战")]
    public void Near_MisspeltWord_FindsTheCatalogueWord(string term, string expected)
    {
        Assert.Equal(expected, Vocabulary.Near(term, 4).FirstOrDefault());
    }

    [Theory]
    [InlineData("Qz")] // two edits from Go: too many for a two-letter word
    [InlineData("Rxxxt")] // three from React
    [InlineData("量子")]
    public void Near_NothingCloseEnough_FindsNothing(string term)
    {
        Assert.Empty(Vocabulary.Near(term, 4));
    }

    [Fact]
    public void Near_KnownWordInOtherCase_IsNotItsOwnSuggestion()
    {
        Assert.DoesNotContain(Vocabulary.Near("python", 4), w => w.Equals("Python", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Near_AskedTwice_GivesTheSameAnswer()
    {
        Assert.Equal(Vocabulary.Near("Reakt", 4), Vocabulary.Near("Reakt", 4));
        Assert.Contains("React", Vocabulary.Near("Reakt", 4));
    }
}

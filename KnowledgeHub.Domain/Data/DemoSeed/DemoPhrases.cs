namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>
/// A traffic source of a visit (<see cref="Source"/> null means direct). <see cref="Campaign"/> tags a share of its
/// visits all the time; <see cref="JoinsPromotion"/> sources carry the promotion campaign on promotion days.
/// </summary>
internal sealed record TrafficSource(string? Source, string? Medium, double Weight, string? Campaign = null, double CampaignShare = 0, bool JoinsPromotion = false);

/// <summary>The word lists the generator draws from: names, lesson titles, reviews, searches, traffic and colours.</summary>
internal static class DemoPhrases
{
    /// <summary>Common surnames, most frequent first (the generator favours the front of the list).</summary>
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
        "杜", "叶", "程", "魏", "苏", "吕", "丁", "沈", "任", "姚", "卢", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "欧阳",
    ];

    public static readonly string[] GivenSyllables =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "婷", "雪", "浩", "宇", "轩", "然", "欣", "怡", "子", "梓", "涵", "博", "文", "晨", "阳", "思", "雨", "佳", "琪",
        "嘉", "俊", "鑫", "瑶", "晓", "泽", "一", "诺", "睿", "航", "悦", "可", "安", "言", "若", "宁", "辰", "昊", "晴", "彤",
        "凯", "斌", "志", "鹏", "华", "玲", "倩", "颖", "萱", "亮",
    ];

    // Curriculum ---------------------------------------------------------------------------------------------

    public const string IntroZh = "课程介绍与学习路线";
    public const string IntroEn = "Welcome and course roadmap";

    /// <summary>Video lesson titles; "{0}" is the section topic. The first opens every section.</summary>
    public static readonly string[] VideoZh =
        ["{0}：本章导读", "核心概念与原理", "动手演示", "实战案例拆解", "常见误区与排查", "进阶技巧", "练习讲解", "本章小结"];
    public static readonly string[] VideoEn =
        ["{0}: overview", "Key concepts", "Walkthrough demo", "Case study", "Common pitfalls", "Pro tips", "Exercise review", "Recap"];

    public const string ArticleTitleZh = "{0}知识清单";
    public const string ArticleTitleEn = "{0}: cheat sheet";
    public const string ArticleBodyZh =
        "## {0}：要点回顾\n\n本节整理了本章最重要的概念和操作步骤，建议看完视频后对照复习。\n\n- 先理解概念，再动手练习\n- 遇到问题先对照“常见误区”一节排查\n- 完成练习后，把你的作品分享到讨论区\n";
    public const string ArticleBodyEn =
        "## {0}: key points\n\nThis page sums up the most important ideas and steps of the section. Review it after the videos.\n\n- Understand the idea before you practise it\n- Check the common pitfalls when you get stuck\n- Share your exercise in the discussion when you are done\n";
    public const string FileTitleZh = "课件与示例文件下载";
    public const string FileTitleEn = "Slides and resources";
    public const string QuizTitleZh = "本章小测验";
    public const string QuizTitleEn = "Section quiz";

    public static readonly string[] OutcomesZh = ["- {0}：理解核心概念与原理", "- {0}：独立完成实际操作", "- {0}：掌握常用方法与技巧", "- {0}：把所学串联成完整作品"];
    public static readonly string[] OutcomesEn = ["- {0}: understand the core ideas", "- {0}: apply it to real work", "- {0}: practical techniques and shortcuts", "- {0}: bring everything together"];

    // Reviews ------------------------------------------------------------------------------------------------

    public static readonly string[] ReviewGoodZh =
    [
        "讲得非常清楚，节奏刚好，跟着做完收获很大。", "老师的案例都来自真实项目，比看书高效多了。", "零基础也能听懂，每节课都有可以马上用上的内容。",
        "课程结构很合理，从浅到深，练习设计得很用心。", "已经用课上的方法解决了工作中的问题，物超所值！", "内容扎实，没有废话，强烈推荐。",
        "老师答疑很及时，课件和代码也很完整。", "第二遍刷了，每次都有新收获。", "终于把之前一知半解的地方弄明白了。",
        "讲解细致，配套资料齐全，适合系统学习。", "比想象中更实用，已经推荐给同事。", "声音清晰，画面干净，看着很舒服。",
        "项目实战部分特别好，做完很有成就感。", "性价比很高，希望老师多出几门课。",
    ];
    public static readonly string[] ReviewOkZh =
    [
        "整体不错，个别章节讲得有点快。", "内容还可以，希望多一些练习题。", "适合入门，进阶内容稍微少了点。",
        "前半部分很好，后面的案例有点简单。", "有收获，但部分软件版本有点旧了。",
    ];
    public static readonly string[] ReviewBadZh =
    [
        "和课程介绍的不太一样，内容偏基础。", "节奏太慢了，很多内容网上都能找到。", "音质一般，部分章节听不太清。",
        "案例太少，理论讲得多，实践不够。",
    ];
    public static readonly string[] ReviewGoodEn =
    [
        "Clear, well paced and full of practical examples.", "Exactly what I needed. The projects make everything click.",
        "Great instructor, great structure. Highly recommended.", "I finally understand this topic properly. Thank you!",
        "Short lessons, no fluff, and the exercises are genuinely useful.", "Worth every yuan. I use what I learned at work every day.",
        "Excellent course with helpful resources and quick answers to questions.",
    ];
    public static readonly string[] ReviewOkEn =
    [
        "Good overall, though a few sections felt rushed.", "Solid introduction; I wish there were more exercises.",
        "Useful content, but some tools shown are slightly out of date.",
    ];
    public static readonly string[] ReviewBadEn =
    [
        "Too basic for me; the description promised more depth.", "The audio quality in some lessons could be better.",
    ];

    // Searches and traffic -----------------------------------------------------------------------------------

    /// <summary>Search terms with how often they are typed; some find nothing, as real searches do.</summary>
    public static readonly (string Query, double Weight)[] Searches =
    [
        ("python", 10), ("Python 数据分析", 6), ("机器学习", 8), ("学习", 3), ("深度学习", 5), ("Excel", 8), ("数据分析", 6),
        ("React", 4), ("Vue", 3), ("前端", 4), ("Docker", 3), ("SQL", 4), ("AI", 6), ("大模型", 4), ("PS", 3), ("Figma", 3),
        ("摄影", 4), ("剪辑", 3), ("理财", 4), ("基金", 3), ("英语口语", 5), ("雅思", 3), ("日语", 2), ("吉他", 2),
        ("健身", 2), ("面试", 3), ("PPT", 3), ("考研数学", 1.5), ("Rust", 1), ("钢琴", 1), ("产品经理", 3), ("小红书", 2),
    ];

    public static readonly TrafficSource[] Sources =
    [
        new(null, null, 30),
        new("baidu", "organic", 20),
        new("wechat", "social", 17, JoinsPromotion: true),
        new("bilibili", "video", 10, "kol-review", 0.4),
        new("weibo", "social", 6, JoinsPromotion: true),
        new("google", "organic", 7),
        new("newsletter", "email", 5, "weekly-digest", 0.8, JoinsPromotion: true),
        new("zhihu", "social", 5),
    ];

    /// <summary>Cover gradients: two colours each, paired with the course's icon into "#A,#B,Icon".</summary>
    public static readonly (string From, string To)[] Palettes =
    [
        ("#1E3C72", "#2A5298"), ("#11998E", "#38EF7D"), ("#FC5C7D", "#6A82FB"), ("#F7971E", "#FFD200"),
        ("#8E2DE2", "#4A00E0"), ("#00B4DB", "#0083B0"), ("#EE0979", "#FF6A00"), ("#134E5E", "#71B280"),
        ("#614385", "#516395"), ("#DA4453", "#89216B"), ("#02AAB0", "#00CDAC"), ("#F2994A", "#F2C94C"),
        ("#3A1C71", "#D76D77"), ("#0F2027", "#2C5364"), ("#56AB2F", "#A8E063"), ("#C33764", "#1D2671"),
        ("#4568DC", "#B06AB3"), ("#FF512F", "#DD2476"),
    ];
}

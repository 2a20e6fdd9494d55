using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;

namespace KnowledgeHub.Domain.Data.DemoSeed;

/// <summary>A top category of the demo catalogue; <see cref="Appeal"/> weights how many learners favour it.</summary>
internal sealed record CategorySpec(string Slug, string NameZh, string NameEn, string Icon, double Appeal, IReadOnlyList<SubcategorySpec> Children);

internal sealed record SubcategorySpec(string Slug, string NameZh, string NameEn, string Icon);

internal sealed record InstructorSpec(string DisplayName, string Slug, string Culture, string Headline, string Bio);

/// <summary>
/// One demo course. <see cref="Sections"/> holds the chapter topics separated by '|'; the curriculum, the Markdown
/// description and the outcomes are generated from them by <see cref="DemoCurriculum"/>.
/// </summary>
internal sealed record CourseSpec(
    string Slug, string Category, int Instructor, string Language, CourseLevel Level, decimal Price, string Icon,
    string Title, string Subtitle, string Pitch, string Sections, string Tags)
{
    /// <summary>Stays a draft (only the demo instructor's unfinished courses).</summary>
    public bool Draft { get; init; }
    /// <summary>Published within the last two weeks, so "newest" shelves and dashboards show fresh work.</summary>
    public bool Recent { get; init; }

    public bool IsEnglish => Language == SupportedCultures.English;
    public string[] Topics => Sections.Split('|');
}

/// <summary>The hand-written catalogue content of the demo data set: categories, instructors and courses.</summary>
internal static class DemoCatalog
{
    public static readonly IReadOnlyList<CategorySpec> Categories =
    [
        new("programming", "编程开发", "Programming", "Code", 1.6,
        [
            new("python", "Python", "Python", "DataObject"),
            new("web-frontend", "前端 Web", "Web front-end", "Web"),
            new("backend-cloud", "后端与云", "Back-end & cloud", "Cloud"),
        ]),
        new("ai-data", "人工智能", "AI & Data", "Psychology", 1.6,
        [
            new("machine-learning", "机器学习", "Machine learning", "ModelTraining"),
            new("deep-learning", "深度学习与大模型", "Deep learning & LLMs", "SmartToy"),
            new("data-analysis", "数据分析", "Data analysis", "Insights"),
        ]),
        new("design", "设计创意", "Design", "Brush", 1.0,
        [
            new("ui-ux", "UI/UX 设计", "UI/UX design", "DesignServices"),
            new("graphic-design", "平面设计", "Graphic design", "Palette"),
            new("motion-3d", "三维与动效", "3D & motion", "ViewInAr"),
        ]),
        new("business", "商业管理", "Business", "Business", 0.9,
        [
            new("product-management", "产品管理", "Product management", "Lightbulb"),
            new("marketing", "市场营销", "Marketing", "Campaign"),
            new("entrepreneurship", "创业", "Entrepreneurship", "RocketLaunch"),
        ]),
        new("career", "职场技能", "Career skills", "TrendingUp", 1.0,
        [
            new("office-productivity", "办公效率", "Office productivity", "TableChart"),
            new("communication", "沟通表达", "Communication", "RecordVoiceOver"),
            new("career-growth", "职业发展", "Career growth", "WorkOutline"),
        ]),
        new("languages", "语言学习", "Languages", "Language", 1.1,
        [
            new("english", "英语", "English", "Translate"),
            new("exam-english", "英语考试", "English exams", "School"),
            new("japanese", "日语", "Japanese", "Language"),
        ]),
        new("finance", "金融投资", "Finance", "Calculate", 0.9,
        [
            new("personal-finance", "个人理财", "Personal finance", "Savings"),
            new("stocks-funds", "股票与基金", "Stocks & funds", "ShowChart"),
            new("accounting", "财务会计", "Accounting", "AccountBalance"),
        ]),
        new("photo-video", "摄影视频", "Photo & Video", "CameraAlt", 0.8,
        [
            new("photography", "摄影", "Photography", "PhotoCamera"),
            new("video-editing", "视频剪辑", "Video editing", "MovieCreation"),
        ]),
        new("music", "音乐", "Music", "MusicNote", 0.5,
        [
            new("instruments", "乐器演奏", "Instruments", "Piano"),
            new("music-production", "音乐制作", "Music production", "LibraryMusic"),
        ]),
        new("health", "健康生活", "Health", "FitnessCenter", 0.6,
        [
            new("fitness", "运动健身", "Fitness", "FitnessCenter"),
            new("nutrition", "营养饮食", "Nutrition", "Restaurant"),
            new("mental-health", "心理健康", "Mental health", "SelfImprovement"),
        ]),
    ];

    /// <summary>The first is <see cref="DemoAccounts.InstructorEmail"/>; the others are instructor02@… to instructor10@….</summary>
    public static readonly IReadOnlyList<InstructorSpec> Instructors =
    [
        new("林晓峰", "lin-xiaofeng", SupportedCultures.Chinese, "数据科学家 · Python 与机器学习讲师",
            "前互联网大厂数据科学家，十年数据分析与机器学习经验，主导过推荐系统和用户增长模型的落地。喜欢把复杂的算法讲成人人都能听懂的故事，已帮助数万名学员完成从零到数据岗位的转型。"),
        new("陈静", "chen-jing", SupportedCultures.Chinese, "前端架构师 · Vue 与 JavaScript 布道者",
            "八年前端开发经验，曾负责日活千万级产品的前端架构与性能优化。相信好代码首先是写给人看的，课程里会大量分享真实项目中的取舍与踩坑经验。"),
        new("王浩然", "wang-haoran", SupportedCultures.Chinese, "后端与云原生工程师",
            "专注 Go、分布式系统与 Kubernetes，参与过多个高并发交易系统的设计与上线。业余维护开源项目，擅长用可运行的小例子讲清楚系统设计的来龙去脉。"),
        new("刘思雨", "liu-siyu", SupportedCultures.Chinese, "资深 UI/UX 设计师",
            "资深 UI/UX 设计师，曾在东京的设计工作室工作五年，日语 N1。主导过多款 App 的设计系统搭建，课程强调设计思维与可落地的方法。"),
        new("赵明", "zhao-ming", SupportedCultures.Chinese, "产品负责人 · 增长与营销顾问",
            "连续创业者，先后担任两家 SaaS 公司的产品负责人。擅长需求分析、数据驱动增长和内容营销，课程里的案例都来自一线实战。"),
        new("Emily Carter", "emily-carter", SupportedCultures.English, "English coach & communication trainer",
            "来自美国波士顿，在中国生活和教学超过十年，持有 TESOL 与 CELTA 证书。擅长用真实场景帮助学员开口说英语，也为多家外企提供商务沟通培训。"),
        new("孙雅婷", "sun-yating", SupportedCultures.Chinese, "CFA 持证人 · 理财与财务分析讲师",
            "CFA 持证人，曾任券商研究员和基金公司投资经理。致力于用通俗的语言讲清楚理财与投资的底层逻辑，帮助普通人建立长期、理性的财务习惯。"),
        new("周子轩", "zhou-zixuan", SupportedCultures.Chinese, "影像创作者 · 独立音乐人",
            "独立摄影师和视频导演，作品发表于多家旅行与人文媒体，同时也是一名独立音乐人。课程从拍摄、剪辑讲到配乐，希望每个人都能用影像和声音记录生活。"),
        new("David Miller", "david-miller", SupportedCultures.English, "Senior software engineer & educator",
            "常驻上海的资深软件工程师，拥有十五年 Web 与云端开发经验，熟悉 React、.NET 与机器学习工程。他的英文课程节奏清晰、代码扎实，适合想同时提升技术与英语的同学。"),
        new("何佳怡", "he-jiayi", SupportedCultures.Chinese, "心理咨询师 · 健康管理师 · 职业生涯教练",
            "国家二级心理咨询师、注册健康管理师，长期为企业员工提供压力管理与职业发展辅导。她相信身心健康是一切效率的基础，课程温和而实用。"),
    ];

    private static CourseSpec Zh(string slug, string category, int instructor, CourseLevel level, decimal price, string icon,
        string title, string subtitle, string pitch, string sections, string tags) =>
        new(slug, category, instructor, SupportedCultures.Chinese, level, price, icon, title, subtitle, pitch, sections, tags);

    private static CourseSpec En(string slug, string category, int instructor, CourseLevel level, decimal price, string icon,
        string title, string subtitle, string pitch, string sections, string tags) =>
        new(slug, category, instructor, SupportedCultures.English, level, price, icon, title, subtitle, pitch, sections, tags);

    private const CourseLevel Beginner = CourseLevel.Beginner;
    private const CourseLevel Intermediate = CourseLevel.Intermediate;
    private const CourseLevel Advanced = CourseLevel.Advanced;
    private const CourseLevel AllLevels = CourseLevel.AllLevels;

    public static readonly IReadOnlyList<CourseSpec> Courses =
    [
        // Programming: Python
        Zh("python-data-analysis", "python", 0, Intermediate, 199m, "DataObject",
            "Python 数据分析实战：从 Pandas 到可视化", "用真实电商数据，掌握数据清洗、分析与可视化的完整流程",
            "数据分析不是背 API，而是用数据回答业务问题。本课程以一份真实的电商销售数据为主线，带你走完从读取、清洗到分析、出图的每一步。",
            "环境搭建与 Jupyter|NumPy 数组运算|Pandas 数据清洗|分组聚合与透视表|Matplotlib 与 Seaborn 可视化|综合项目：电商销售分析",
            "Python,Pandas,数据分析,可视化,Jupyter"),
        Zh("python-zero-to-hero", "python", 0, Beginner, 0m, "Code",
            "零基础学 Python：30 天编程入门", "每天 20 分钟，从第一行代码到写出实用小工具",
            "没有任何编程经验也没关系。课程用生活中的小例子讲解编程思维，每节课都有可以马上运行的代码。",
            "安装与第一个程序|变量与数据类型|条件判断与循环|函数与模块|文件读写与异常处理",
            "Python,编程入门,零基础"),
        Zh("python-office-automation", "python", 0, Beginner, 129m, "Terminal",
            "Python 办公自动化：Excel、Word 与邮件一键搞定", "把每天重复的表格和报告交给程序，准点下班",
            "如果你每周都要花几个小时复制粘贴表格、整理报告，这门课就是为你准备的。我们用 Python 自动处理 Excel、Word、PDF 和邮件。",
            "自动化思维与环境准备|用 openpyxl 批量处理 Excel|生成 Word 与 PDF 报告|自动发送邮件与定时任务",
            "Python,办公自动化,Excel,效率"),
        En("python-for-everyone", "python", 8, Beginner, 99m, "Code",
            "Python for Everyone: A Practical Introduction", "Learn to code by building small, useful programs",
            "This course teaches programming from first principles with short lessons and hands-on exercises. No prior experience is needed.",
            "Getting set up|Values, variables and types|Control flow|Functions and modules|Working with files",
            "Python,Programming,Beginner"),

        // Programming: web front-end
        Zh("html-css-first-webpage", "web-frontend", 1, Beginner, 0m, "Web",
            "零基础 HTML 与 CSS：做出你的第一个网页", "两小时入门网页开发，亲手发布个人主页",
            "网页开发的入门比你想象的简单。跟着课程一步步写出结构清晰、样式美观的个人主页，并免费发布到互联网上。",
            "网页是怎样工作的|HTML 基础标签|CSS 选择器与盒模型|Flex 布局与响应式",
            "HTML,CSS,前端,零基础"),
        Zh("javascript-core", "web-frontend", 1, Advanced, 199m, "Code",
            "JavaScript 核心原理精讲", "作用域、闭包、原型链与事件循环，一次讲透",
            "很多前端工程师会用框架，却说不清 JavaScript 本身是怎么运行的。本课程从引擎的角度拆解语言核心机制，帮你写出更可靠的代码。",
            "执行上下文与作用域|闭包与内存|原型与继承|异步与事件循环|模块化与工程实践",
            "JavaScript,前端,面试,原理"),
        Zh("vue3-typescript-project", "web-frontend", 1, Intermediate, 299m, "Web",
            "Vue 3 + TypeScript 企业级项目实战", "从组件设计到权限与部署，完成一个后台管理系统",
            "本课程以一个完整的企业后台管理系统为项目，带你用 Vue 3、TypeScript 和 Vite 搭建可维护的前端工程。",
            "项目初始化与工程规范|组合式 API 与组件设计|Pinia 状态管理|路由与权限控制|打包优化与部署",
            "Vue,TypeScript,前端,项目实战"),
        En("react-18-complete-guide", "web-frontend", 8, Intermediate, 299m, "Web",
            "React 18 Complete Guide", "Hooks, state management, routing and testing in one project-based course",
            "Build a complete single-page application with React 18 and learn the patterns that scale from side projects to production apps.",
            "React fundamentals|Hooks in depth|State management|Routing and data fetching|Testing and deployment",
            "React,JavaScript,Frontend,Hooks"),

        // Programming: back-end & cloud
        Zh("go-microservices", "backend-cloud", 2, Advanced, 399m, "Hub",
            "Go 语言微服务开发实战", "从单体到微服务：gRPC、服务治理与可观测性",
            "本课程用 Go 从零实现一个电商微服务系统，覆盖服务拆分、gRPC 通信、限流熔断和链路追踪等生产级话题。",
            "Go 并发编程回顾|服务拆分与接口设计|gRPC 与 Protobuf|服务治理：限流与熔断|日志、指标与链路追踪",
            "Go,微服务,gRPC,后端"),
        Zh("docker-kubernetes", "backend-cloud", 2, Intermediate, 299m, "Cloud",
            "Docker 与 Kubernetes 从入门到生产", "容器化你的应用，并在集群中稳定运行",
            "容器已经成为后端开发的基本功。课程从 Docker 镜像讲起，一直到在 Kubernetes 上完成滚动发布与自动扩缩容。",
            "容器与镜像|Dockerfile 最佳实践|Kubernetes 核心对象|配置、存储与网络|发布、监控与扩缩容",
            "Docker,Kubernetes,云原生,DevOps"),
        Zh("mysql-performance", "backend-cloud", 2, Intermediate, 199m, "Storage",
            "MySQL 性能优化与索引设计", "读懂执行计划，让慢查询快一百倍",
            "数据库往往是系统性能的瓶颈。本课程通过大量真实慢查询案例，讲清楚索引原理、执行计划与事务锁。",
            "InnoDB 存储结构|索引原理与设计|读懂 EXPLAIN|事务与锁|慢查询排查实战",
            "MySQL,数据库,性能优化,后端"),
        Zh("linux-shell-basics", "backend-cloud", 2, Beginner, 49m, "Terminal",
            "Linux 命令行与 Shell 脚本入门", "告别鼠标，用命令行高效管理服务器",
            "无论做开发还是运维，Linux 命令行都是绕不开的技能。课程从最常用的命令讲起，最后带你写出自己的自动化脚本。",
            "文件与目录操作|文本处理三剑客|进程与权限管理|Shell 脚本编程",
            "Linux,Shell,运维,命令行"),
        En("aspnet-core-web-api", "backend-cloud", 8, Intermediate, 299m, "Storage",
            "Building Web APIs with ASP.NET Core", "Minimal APIs, EF Core, authentication and deployment",
            "Design and ship a production-ready REST API with ASP.NET Core, from the first endpoint to authentication, testing and containers.",
            "Minimal APIs|Data access with EF Core|Validation and error handling|Authentication and authorization|Testing and deployment",
            "ASP.NET Core,C#,.NET,Web API"),
        En("git-github-essentials", "backend-cloud", 8, Beginner, 0m, "AccountTree",
            "Git & GitHub Essentials", "Version control for developers, designers and writers",
            "Learn the everyday Git workflow with clear diagrams and real repositories, then collaborate through pull requests on GitHub.",
            "Why version control|Commits and history|Branching and merging|Collaborating on GitHub",
            "Git,GitHub,Version control") with { Recent = true },

        // AI & Data: machine learning
        Zh("machine-learning-intro", "machine-learning", 0, Beginner, 299m, "ModelTraining",
            "机器学习入门：用 Python 理解经典算法", "线性回归、决策树、聚类……不堆公式，也能真正理解",
            "这是一门写给初学者的机器学习课。我们用直观的图示和 scikit-learn 代码讲解每个经典算法，并在真实数据集上动手实践。",
            "机器学习是什么|线性回归与梯度下降|分类：逻辑回归与决策树|聚类与降维|模型评估与调参",
            "机器学习,Python,scikit-learn,人工智能"),
        Zh("recommender-systems", "machine-learning", 0, Advanced, 399m, "Hub",
            "推荐系统原理与工程实践", "从协同过滤到深度召回，搭建一个可上线的推荐服务",
            "推荐系统是机器学习在工业界最成功的应用之一。课程结合在线教育平台的场景，讲解召回、排序与评估的完整链路。",
            "推荐系统全景|协同过滤与矩阵分解|特征工程与排序模型|线上服务与 A/B 测试",
            "推荐系统,机器学习,算法") with { Draft = true },
        En("hands-on-ml-scikit-learn", "machine-learning", 8, Intermediate, 299m, "ModelTraining",
            "Hands-on Machine Learning with scikit-learn", "From clean data to a deployed model, step by step",
            "A practical course that walks through the full machine learning workflow on real data sets, with an emphasis on sound evaluation.",
            "The ML workflow|Preparing data|Supervised learning models|Model evaluation|Shipping a model",
            "Machine Learning,Python,scikit-learn"),

        // AI & Data: deep learning
        Zh("pytorch-deep-learning", "deep-learning", 0, Advanced, 599m, "Memory",
            "深度学习实战：PyTorch 从零到部署", "CNN、Transformer 与模型部署，一门课打通",
            "本课程以 PyTorch 为工具，从张量和自动求导讲起，逐步实现图像分类和文本分类模型，最后把模型部署成在线服务。",
            "张量与自动求导|神经网络训练基础|卷积神经网络|Transformer 与注意力机制|模型优化与部署",
            "深度学习,PyTorch,神经网络,人工智能"),
        Zh("llm-rag-agent", "deep-learning", 0, Advanced, 399m, "SmartToy",
            "大模型应用开发：RAG 与 Agent 实战", "用开源大模型搭建企业知识库问答与智能助手",
            "大模型正在改变软件的形态。课程从提示词工程讲起，手把手实现检索增强生成（RAG）和工具调用 Agent。",
            "大模型基础与提示词工程|向量检索与知识库|RAG 系统实战|Agent 与工具调用",
            "大模型,LLM,RAG,Agent") with { Draft = true },
        Zh("opencv-computer-vision", "deep-learning", 2, Intermediate, 299m, "Visibility",
            "计算机视觉入门：OpenCV 与图像识别", "从图像处理到目标检测，做出你的第一个视觉应用",
            "本课程从图像的基本表示讲起，结合 OpenCV 与深度学习模型，完成人脸检测、车牌识别等有趣的小项目。",
            "图像基础与 OpenCV|滤波、边缘与轮廓|特征点与图像匹配|目标检测实战",
            "计算机视觉,OpenCV,图像识别,Python"),

        // AI & Data: data analysis
        Zh("sql-for-analysts", "data-analysis", 0, Beginner, 129m, "QueryStats",
            "SQL 数据分析：从查询到业务洞察", "写出分析师真正需要的 SQL：分组、窗口函数与漏斗分析",
            "SQL 是数据分析师每天都在用的语言。课程以一个在线教育平台的业务数据为例，从基础查询一路讲到留存和漏斗分析。",
            "SELECT 基础与过滤|聚合与分组|多表连接|窗口函数|留存与漏斗分析实战",
            "SQL,数据分析,数据库"),
        Zh("power-bi-dashboards", "data-analysis", 4, Intermediate, 199m, "BarChart",
            "Power BI 商业数据可视化", "十分钟做出老板爱看的动态经营看板",
            "好的看板能让数据自己说话。课程从数据建模讲起，教你用 Power BI 搭建可交互、自动刷新的经营分析看板。",
            "数据导入与清洗|数据建模与关系|DAX 度量值|可视化设计与发布",
            "Power BI,数据可视化,商业分析"),

        // Design: UI/UX
        Zh("figma-ui-design", "ui-ux", 3, Beginner, 199m, "DesignServices",
            "Figma UI 设计从入门到精通", "组件、自动布局与原型，完成一套 App 界面",
            "Figma 已成为界面设计的行业标准。本课程从工具基础讲起，带你完成一套完整的移动应用界面设计与交互原型。",
            "Figma 基础操作|组件与变体|自动布局|设计规范与配色|交互原型与交付",
            "Figma,UI设计,App设计"),
        En("ux-research-methods", "ui-ux", 3, Intermediate, 129m, "Psychology",
            "UX Research Methods", "Interviews, usability tests and turning findings into decisions",
            "Learn how to plan and run lightweight user research, and how to turn what you observe into design decisions your team will act on.",
            "Planning research|User interviews|Usability testing|Synthesis and reporting",
            "UX,User Research,Design"),
        En("design-systems", "ui-ux", 3, Intermediate, 299m, "Palette",
            "Design Systems: From Tokens to Components", "Build a scalable design system your developers love",
            "A design system is a product that serves other products. This course shows how to define tokens, build components and keep design and code in sync.",
            "What a design system is|Design tokens|Component libraries|Documentation and governance",
            "Design Systems,UI,Figma"),

        // Design: graphic design
        Zh("photoshop-from-zero", "graphic-design", 3, Beginner, 99m, "Brush",
            "Photoshop 零基础入门", "抠图、修图、合成与海报设计，一门课上手",
            "课程从界面和基础工具讲起，通过十几个实用案例，掌握修图、抠图、合成与电商海报设计。",
            "界面与基础工具|选区与抠图|图层、蒙版与调色|海报设计实战",
            "Photoshop,PS,平面设计,修图"),
        Zh("brand-identity-design", "graphic-design", 3, Intermediate, 299m, "Palette",
            "品牌视觉设计：Logo 与 VI 系统", "从品牌策略到视觉落地，完成一套完整 VI",
            "好的品牌视觉来自清晰的策略。本课程带你从品牌调研出发，完成 Logo、色彩、字体到应用规范的完整 VI 手册。",
            "品牌策略与调研|Logo 创意与绘制|色彩与字体系统|VI 手册与应用",
            "品牌设计,Logo,VI,平面设计") with { Recent = true },

        // Design: 3D & motion
        Zh("blender-3d-basics", "motion-3d", 3, Beginner, 199m, "ViewInAr",
            "Blender 三维建模入门", "免费开源软件，做出可爱的三维小场景",
            "Blender 免费且强大。课程从视图操作讲起，逐步完成建模、材质、灯光和渲染，做出一个完整的三维小场景。",
            "界面与视图操作|多边形建模|材质与贴图|灯光与渲染",
            "Blender,三维建模,3D"),
        Zh("after-effects-motion", "motion-3d", 7, Intermediate, 199m, "Animation",
            "After Effects 动效设计", "MG 动画、文字动效与短视频包装",
            "动效能让信息更生动。课程讲解关键帧、曲线与表达式，完成 MG 动画、片头和短视频包装等常见项目。",
            "关键帧与动画曲线|形状图层与 MG 动画|文字动效|表达式与模板化",
            "After Effects,AE,动效,MG动画"),

        // Business: product management
        Zh("product-manager-101", "product-management", 4, Beginner, 199m, "Lightbulb",
            "产品经理入门：从需求到上线", "需求分析、原型设计与项目推进的完整方法",
            "产品经理要对结果负责。本课程以一个真实的小程序项目为例，讲清楚从用户调研、需求文档到上线复盘的每个环节。",
            "产品经理的角色|用户调研与需求分析|原型设计与 PRD|项目推进与上线复盘",
            "产品经理,需求分析,原型,PRD"),
        Zh("data-driven-growth", "product-management", 4, Intermediate, 299m, "TrendingUp",
            "数据驱动的用户增长", "指标体系、A/B 测试与增长实验",
            "增长不是靠灵感，而是靠一次次可衡量的实验。课程讲解北极星指标、漏斗分析和 A/B 测试，帮助你建立增长方法论。",
            "增长模型与北极星指标|获客与渠道分析|激活与留存|A/B 测试实战",
            "用户增长,数据分析,A/B测试,产品运营"),

        // Business: marketing
        Zh("xiaohongshu-douyin-growth", "marketing", 4, Beginner, 129m, "Campaign",
            "新媒体运营：小红书与抖音内容增长", "选题、文案、拍摄与投放，打造爆款内容",
            "内容是最好的营销。课程拆解数百篇爆款笔记和短视频，总结可复制的选题、标题与运营方法。",
            "平台规则与用户画像|选题与标题|图文与短视频制作|数据复盘与投放",
            "新媒体,小红书,抖音,内容营销"),
        En("digital-marketing-fundamentals", "marketing", 5, Beginner, 199m, "Campaign",
            "Digital Marketing Fundamentals", "SEO, social media, email and analytics for beginners",
            "Understand how modern digital marketing works and build a simple, measurable marketing plan for a product you care about.",
            "The marketing funnel|Search engine optimisation|Social media and content|Email marketing|Measuring results",
            "Marketing,SEO,Social Media"),

        // Business: entrepreneurship
        Zh("startup-first-lesson", "entrepreneurship", 4, Beginner, 0m, "RocketLaunch",
            "创业第一课：从想法到商业模式", "用精益创业方法，低成本验证你的点子",
            "大多数创业失败不是因为做得不好，而是做了没人需要的东西。课程介绍精益创业与商业模式画布，帮你低成本验证想法。",
            "创业者的心态|发现真实需求|商业模式画布|最小可行产品",
            "创业,商业模式,精益创业"),

        // Career: office productivity
        Zh("excel-pivot-tables", "office-productivity", 6, Beginner, 49m, "TableChart",
            "零基础学 Excel 数据透视表", "三步完成汇总分析，告别加班做报表",
            "数据透视表是 Excel 里性价比最高的功能。课程用销售、考勤、财务三个场景，带你从零掌握透视表与透视图。",
            "数据源规范|创建第一个透视表|分组、筛选与计算字段|透视图与动态报表",
            "Excel,数据透视表,办公技能"),
        Zh("ppt-structured-expression", "office-productivity", 9, Beginner, 99m, "Slideshow",
            "PPT 设计与结构化表达", "逻辑清晰、版式美观的汇报幻灯片",
            "好的汇报胜在结构。课程从金字塔原理讲起，再讲版式、配色与图表，让你的 PPT 既有逻辑又好看。",
            "结构化思考|版式与配色|图表与数据呈现|汇报演练",
            "PPT,汇报,结构化表达,办公技能"),
        Zh("ai-tools-productivity", "office-productivity", 4, Beginner, 9.9m, "SmartToy",
            "AI 效率工具课：ChatGPT、Kimi 与 AI 绘画", "把 AI 变成你的写作、分析与设计助手",
            "AI 工具已经能帮我们完成大量日常工作。课程整理了写作、数据分析、PPT 和配图中最实用的 AI 用法，拿来即用。",
            "提示词的基本功|AI 写作与总结|AI 数据分析|AI 绘画与配图",
            "AI工具,ChatGPT,提示词,效率") with { Recent = true },

        // Career: communication
        Zh("public-speaking", "communication", 9, Beginner, 129m, "RecordVoiceOver",
            "当众表达：演讲与汇报技巧", "克服紧张，讲得清楚、讲得动人",
            "当众表达是可以练出来的能力。课程从心理调适、内容结构到声音与肢体，给出一套可以反复练习的方法。",
            "克服紧张|搭建演讲结构|声音与肢体语言|即兴表达与问答",
            "演讲,表达,沟通,职场"),
        En("business-english-communication", "communication", 5, Intermediate, 199m, "Translate",
            "Business English Communication", "Emails, meetings and presentations with confidence",
            "Practise the English you actually need at work: clear emails, effective meetings and confident presentations, with real examples.",
            "Writing clear emails|Meetings and small talk|Presenting ideas|Negotiation basics",
            "Business English,English,Communication"),

        // Career: career growth
        Zh("time-management", "career-growth", 9, Beginner, 0m, "Schedule",
            "高效时间管理：告别拖延", "用精力管理和习惯系统，找回对时间的掌控感",
            "时间管理的核心是管理精力与注意力。课程介绍番茄工作法、四象限和习惯系统，帮你建立不靠意志力的高效节奏。",
            "拖延的真相|目标与计划|专注与精力管理|习惯系统",
            "时间管理,效率,自我提升"),
        Zh("job-interview-guide", "career-growth", 4, Beginner, 99m, "WorkOutline",
            "求职面试通关：简历、面试与谈薪", "前大厂面试官教你拿到心仪 offer",
            "课程从面试官视角出发，讲清楚简历怎么写、面试怎么答、薪资怎么谈，并附上大量真实问答示例。",
            "简历优化|行为面试与 STAR 法则|专业面试准备|谈薪与选择 offer",
            "求职,面试,简历,职业发展"),

        // Languages: English
        Zh("english-speaking-30-days", "english", 5, Beginner, 99m, "Translate",
            "英语口语 30 天：日常场景对话", "点餐、问路、购物、社交，30 个场景张口就来",
            "很多人学了十几年英语却开不了口。课程精选 30 个日常场景，每节课 10 分钟，跟读、模仿、替换练习，帮你真正开口。",
            "发音与语调|日常生活场景|出行与旅行|社交与闲聊",
            "英语口语,英语,日常对话"),
        En("american-pronunciation", "english", 5, AllLevels, 129m, "RecordVoiceOver",
            "American English Pronunciation Masterclass", "Sounds, stress and rhythm for clear, natural speech",
            "Sound clearer and more natural in English. We train vowels, consonants, word stress and sentence rhythm with short daily drills.",
            "Vowel sounds|Consonant sounds|Word stress|Rhythm and intonation",
            "English,Pronunciation,Speaking"),

        // Languages: exams
        Zh("ielts-band-7", "exam-english", 5, Intermediate, 399m, "School",
            "雅思 7 分备考全攻略", "听说读写四科提分方法与真题精讲",
            "雅思提分靠方法，更靠针对性练习。课程逐科讲解题型与评分标准，配合真题精讲和写作批改示范。",
            "考试概览与备考规划|听力|阅读|写作|口语",
            "雅思,IELTS,英语考试,留学"),

        // Languages: Japanese
        Zh("japanese-n5", "japanese", 3, Beginner, 99m, "Language",
            "日语零基础：五十音到 N5", "从五十音开始，三个月读懂简单日语",
            "课程从五十音讲起，结合动漫和旅行中的真实场景，系统学习 N5 所需的词汇与语法。",
            "五十音与发音|基础句型|动词变形|日常会话",
            "日语,五十音,N5,零基础"),

        // Finance
        Zh("personal-finance-101", "personal-finance", 6, Beginner, 0m, "Savings",
            "个人理财入门：记账、储蓄与资产配置", "建立属于你的第一份家庭财务计划",
            "理财的第一步不是买什么，而是弄清楚自己的钱去了哪里。课程帮你建立记账、预算、应急金和基础资产配置的习惯。",
            "认识自己的财务状况|记账与预算|应急金与保险|资产配置入门",
            "理财,记账,资产配置"),
        En("investing-for-beginners", "personal-finance", 6, Beginner, 129m, "ShowChart",
            "Investing for Beginners: Index Funds & ETFs", "A calm, long-term approach to growing your savings",
            "Learn how index funds and ETFs work, how to think about risk, and how to build a simple portfolio you can stick with.",
            "Why invest|Risk and return|Index funds and ETFs|Building your portfolio",
            "Investing,ETF,Personal Finance"),
        Zh("fund-dca-investing", "stocks-funds", 6, Beginner, 99m, "Savings",
            "基金定投实战：长期投资的底层逻辑", "选基金、定计划、管情绪，普通人也能坚持的投资方法",
            "基金定投适合没有时间盯盘的普通人。课程讲清楚指数基金、定投策略和止盈方法，并帮你制定自己的定投计划。",
            "基金基础知识|指数基金与选基|定投策略|止盈与心态管理",
            "基金,定投,指数基金,理财"),
        Zh("financial-statements", "stocks-funds", 6, Intermediate, 299m, "ShowChart",
            "股票基本面分析：读懂三张财务报表", "看懂公司赚不赚钱、值不值得投资",
            "财务报表是了解一家公司的窗口。课程通过上市公司真实财报，讲解资产负债表、利润表和现金流量表的阅读方法。",
            "财报基础与会计语言|资产负债表|利润表|现金流量表|估值入门",
            "股票,财报,基本面分析,投资"),
        Zh("excel-financial-modeling", "accounting", 6, Advanced, 399m, "Calculate",
            "Excel 财务建模与估值", "搭建三表联动模型，完成 DCF 估值",
            "财务建模是投行和咨询的核心技能。课程手把手搭建一个三表联动的财务模型，并完成 DCF 估值与敏感性分析。",
            "建模规范与快捷键|收入与成本预测|三表联动|DCF 估值与敏感性分析",
            "Excel,财务建模,估值,DCF"),

        // Photo & video
        Zh("phone-photography", "photography", 7, Beginner, 49m, "PhotoCamera",
            "手机摄影：用手机拍出大片感", "构图、用光与修图，随手一拍就好看",
            "好照片不一定需要昂贵的相机。课程讲解构图、光线和手机修图，让你用手机也能拍出有质感的照片。",
            "构图基础|光线与色彩|人像与街拍|手机修图",
            "手机摄影,摄影,构图,修图"),
        Zh("portrait-lighting", "photography", 7, Intermediate, 299m, "CameraAlt",
            "人像摄影布光与后期", "从自然光到棚拍，拍出有情绪的人像",
            "光线决定人像的气质。课程从自然光讲到闪光灯和影棚布光，并完整演示 Lightroom 与 Photoshop 人像后期流程。",
            "人像摄影基础|自然光人像|闪光灯与影棚布光|人像后期流程",
            "人像摄影,布光,后期,Lightroom"),
        En("street-photography", "photography", 7, AllLevels, 129m, "PhotoCamera",
            "Street Photography Essentials", "See, frame and capture everyday moments",
            "Street photography is about noticing. This course trains your eye for light, layers and timing, with assignments you can shoot anywhere.",
            "Seeing like a street photographer|Light and shadow|Layers and timing|Editing a series",
            "Photography,Street,Composition"),
        Zh("premiere-pro-editing", "video-editing", 7, Beginner, 199m, "MovieCreation",
            "Premiere 视频剪辑从零到精通", "剪辑节奏、调色与字幕，做出专业级作品",
            "剪辑是视频的第二次创作。课程从软件操作讲起，深入剪辑节奏、转场、调色与音频处理，完成多个完整作品。",
            "软件基础与工作流|剪辑节奏与转场|调色基础|音频与字幕|导出与发布",
            "Premiere,视频剪辑,调色,短视频"),
        Zh("vlog-creator", "video-editing", 7, Beginner, 0m, "Videocam",
            "Vlog 创作：拍摄、剪辑与运营", "用手机记录生活，做一个有温度的创作者",
            "课程从选题、脚本到拍摄与剪辑，分享一个 Vlog 创作者的完整工作流，帮助你持续输出作品。",
            "选题与脚本|手机拍摄技巧|剪映快速剪辑|发布与运营",
            "Vlog,短视频,剪映,拍摄"),

        // Music
        Zh("guitar-singing-basics", "instruments", 7, Beginner, 99m, "MusicNote",
            "吉他弹唱零基础入门", "四个和弦弹唱十首流行歌",
            "只要掌握几个基本和弦和节奏型，就能弹唱很多流行歌曲。课程从持琴姿势讲起，循序渐进、轻松上手。",
            "认识吉他与调音|基础和弦|节奏型与扫弦|弹唱完整歌曲",
            "吉他,弹唱,乐器,零基础"),
        Zh("music-production-logic", "music-production", 7, Intermediate, 199m, "LibraryMusic",
            "音乐制作入门：用 Logic Pro 做第一首歌", "编曲、录音与混音的完整流程",
            "课程以一首原创流行歌曲为例，完整演示从编曲、录音到混音和母带的音乐制作流程。",
            "宿主软件与工作流|鼓组与贝斯编写|和声与旋律|混音基础",
            "音乐制作,编曲,混音,Logic Pro"),

        // Health
        Zh("home-fitness", "fitness", 9, Beginner, 0m, "FitnessCenter",
            "居家健身 20 分钟：零器械燃脂训练", "每天 20 分钟，在家也能练出好状态",
            "不用去健身房，也不需要器械。课程设计了循序渐进的居家训练计划，并讲解动作要点，避免受伤。",
            "热身与动作基础|燃脂循环训练|核心力量|拉伸与恢复",
            "健身,居家训练,燃脂"),
        Zh("nutrition-basics", "nutrition", 9, Beginner, 49m, "Restaurant",
            "吃对每一餐：营养学基础", "看懂食品标签，搭配均衡的一日三餐",
            "吃得健康并不复杂。课程讲解宏量营养素、膳食指南和食品标签，帮你为自己和家人搭配均衡的饮食。",
            "营养素基础|膳食指南|看懂食品标签|一日三餐搭配",
            "营养,饮食,健康"),
        Zh("mindfulness-stress", "mental-health", 9, Beginner, 49m, "SelfImprovement",
            "正念减压：每天十分钟的心理练习", "缓解焦虑、改善睡眠、提升专注",
            "正念是一种经过大量研究验证的减压方法。课程带你从呼吸练习开始，逐步建立适合自己的日常正念习惯。",
            "认识压力与焦虑|正念呼吸|身体扫描与睡眠|把正念带入生活",
            "正念,冥想,减压,心理健康") with { Recent = true },
    ];
}

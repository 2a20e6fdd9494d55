namespace KnowledgeHub.Web.Resources;

/// <summary>Marker for the app's shared strings: Strings.resx (English) and Strings.zh-CN.resx.</summary>
public sealed class Strings;

using KnowledgeHub.Domain;
using KnowledgeHub.Web;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddKnowledgeHubDomain(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddKnowledgeHubWeb(builder.Configuration);

var app = builder.Build();
await app.InitializeKnowledgeHubAsync();
app.UseKnowledgeHubPipeline();
app.Run();

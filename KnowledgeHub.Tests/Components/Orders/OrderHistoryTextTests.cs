using KnowledgeHub.Web.Features.Orders;
using KnowledgeHub.Web.Resources;
using KnowledgeHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Tests.Components.Orders;

public sealed class OrderHistoryTextTests : MudBunitContext
{
    private string Show(string reason) => OrderHistoryText.Localize(reason, Services.GetRequiredService<IStringLocalizer<Strings>>());

    [Fact]
    public void Localize_SystemReasonsInChinese_ReadInChineseWithTheirFigures()
    {
        UseCulture("zh-CN");

        Assert.Equal("超时未支付，订单已过期", Show("payment window passed"));
        Assert.Equal("已退款 ¥10.50（RF20261125-123456）：课程质量问题", Show("refund RF20261125-123456 ¥10.50: 课程质量问题"));
        Assert.Equal("退款申请 RF1 已拒绝：已超过试听范围", Show("refund RF1 declined: 已超过试听范围"));
        Assert.Equal("实付 ¥50.00，与订单金额 ¥49.90 不符，等待管理员处理", Show("paid ¥50.00 but the order total is ¥49.90"));
    }

    [Fact]
    public void Localize_TextPeopleTyped_StaysAsTyped()
    {
        UseCulture("zh-CN");

        Assert.Equal("buyer keeps the extra 0.10", Show("buyer keeps the extra 0.10"));
    }
}

using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class ConfirmationDecisionTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 17, 12, 0, 0, TimeSpan.Zero);
    private static readonly McaContact John = McaContact.Create("John", "Smith", "johnsmith@example.com", "+1234567", "2020-02-19", Now, TimeZoneInfo.Utc, "example");

    private static TenantResource Tenant(string id, string status = "aps:ready", CloudAgreementContact? contact = null) =>
        new() { ApsId = id, Status = status, CloudAgreementContact = contact };

    private static CloudAgreementContact Recorded(string email, string date) =>
        new() { Email = email, FirstName = "John", LastName = "Smith", Phone = "+1234567", DateAgreed = date };

    [Fact]
    public void Picks_a_ready_tenant_when_none_holds_a_contact()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a", "aps:provisioning"), Tenant("b"), Tenant("c")], null, force: false, "example");

        Assert.True(decision.NeedsPut);
        Assert.Equal("b", decision.Target!.ApsId);
    }

    [Fact]
    public void Falls_back_to_the_first_tenant_when_none_is_ready()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a", "aps:provisioning"), Tenant("b", "aps:provisioning")], null, force: false, "example");
        Assert.Equal("a", decision.Target!.ApsId);
    }

    [Fact]
    public void Uses_the_requested_tenant()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a"), Tenant("B")], "b", force: false, "example");
        Assert.Equal("B", decision.Target!.ApsId);
    }

    [Fact]
    public void Refuses_a_requested_tenant_of_another_account()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a")], "zzz", force: false, "example");

        Assert.False(decision.NeedsPut);
        Assert.Equal(ErrorIds.TenantResourceNotFound, decision.Error!.ErrorId);
        Assert.Contains("'zzz'", decision.Error.Message);
    }

    [Fact]
    public void Same_contact_on_any_tenant_is_AlreadyConfirmed()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a"), Tenant("b", "aps:provisioning", Recorded("johnsmith@example.com", "2020-02-19"))], "a", force: true, "example");

        Assert.True(decision.AlreadyConfirmed);
        Assert.False(decision.NeedsPut);
        Assert.Equal("b", decision.Target!.ApsId);
    }

    [Fact]
    public void A_different_contact_is_not_replaced_without_Force()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a"), Tenant("b", "aps:ready", Recorded("someone@example.com", "2020-02-19"))], null, force: false, "example");

        Assert.False(decision.NeedsPut);
        Assert.Equal(ErrorIds.ContactAlreadyRecorded, decision.Error!.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, decision.Error.Kind);
        Assert.Contains("someone@example.com", decision.Error.Message);
        Assert.Contains("-Force", decision.Error.Message);
    }

    [Fact]
    public void The_same_contact_with_another_date_is_a_different_contact()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("b", "aps:ready", Recorded("johnsmith@example.com", "2021-01-01"))], null, force: false, "example");
        Assert.Equal(ErrorIds.ContactAlreadyRecorded, decision.Error!.ErrorId);
    }

    [Fact]
    public void Force_replaces_the_contact_on_the_tenant_that_holds_it()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a"), Tenant("b", "aps:provisioning", Recorded("someone@example.com", "2020-02-19"))], null, force: true, "example");

        Assert.True(decision.NeedsPut);
        Assert.Equal("b", decision.Target!.ApsId);
    }

    [Fact]
    public void Force_with_a_requested_tenant_writes_there()
    {
        var decision = ConfirmationDecision.Decide(John, [Tenant("a"), Tenant("b", "aps:provisioning", Recorded("someone@example.com", "2020-02-19"))], "a", force: true, "example");

        Assert.True(decision.NeedsPut);
        Assert.Equal("a", decision.Target!.ApsId);
    }
}

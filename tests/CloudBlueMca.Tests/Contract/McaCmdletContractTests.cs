using System.Management.Automation;
using CloudBlueMca.Cmdlets.Mca;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Tests.Support;
using Xunit;
using static CloudBlueMca.Tests.Contract.CmdletMetadata;

namespace CloudBlueMca.Tests.Contract;

/// <summary>The DESIGN.md contract of the three MCA cmdlets, read from their attributes.</summary>
public class McaCmdletContractTests
{
    [Fact]
    public void Get_MsAccountInternalId_takes_subdomains_by_value_and_by_property_name_with_the_design_aliases()
    {
        Assert.Equal(typeof(GetMsAccountInternalIdCommand), FindCmdlet("Get", "MsAccountInternalId"));
        Assert.Equal([typeof(MsAccount)], OutputTypes(typeof(GetMsAccountInternalIdCommand)));

        var subdomain = Parameter<GetMsAccountInternalIdCommand>("InitialSubdomain");
        Assert.Equal(typeof(string[]), subdomain.Type);
        Assert.Equal(["Domain", "DomainName", "Subdomain"], subdomain.Aliases);
        var declaration = Assert.Single(subdomain.Declarations);
        Assert.Equal((true, true, true, 0), (declaration.Mandatory, declaration.ByValue, declaration.ByPropertyName, declaration.Position!.Value));
        Assert.NotNull(Parameter<GetMsAccountInternalIdCommand>("Connection"));
    }

    [Fact]
    public void Test_McaAcceptance_takes_AccountId_and_the_filter_by_property_name_and_has_Quiet()
    {
        Assert.Equal(typeof(TestMcaAcceptanceCommand), FindCmdlet("Test", "McaAcceptance"));
        Assert.Equal([typeof(McaAcceptanceStatus), typeof(bool)], OutputTypes(typeof(TestMcaAcceptanceCommand)));

        var accountId = Parameter<TestMcaAcceptanceCommand>("AccountId");
        Assert.Equal(typeof(int), accountId.Type);
        Assert.True(accountId.Declarations.Single() is { Mandatory: true, ByPropertyName: true });
        Assert.True(Parameter<TestMcaAcceptanceCommand>("InitialSubdomain").Declarations.Single() is { Mandatory: false, ByPropertyName: true });
        Assert.Equal(typeof(SwitchParameter), Parameter<TestMcaAcceptanceCommand>("Quiet").Type);
    }

    [Fact]
    public void Confirm_McaAcceptance_has_the_design_parameters_all_bindable_from_a_csv_row()
    {
        var cmdlet = typeof(ConfirmMcaAcceptanceCommand);
        Assert.Equal(cmdlet, FindCmdlet("Confirm", "McaAcceptance"));
        Assert.Equal([typeof(McaConfirmation)], OutputTypes(cmdlet));
        Assert.True(SupportsShouldProcess(cmdlet));
        Assert.Equal((int)System.Management.Automation.ConfirmImpact.Medium, CmdletMetadata.ConfirmImpact(cmdlet));

        foreach (var name in new[] { "MsAccountId", "InitialSubdomain", "FirstName", "LastName", "Email", "PhoneNumber", "DateAgreed", "TenantResourceId" })
        {
            Assert.True(Parameter<ConfirmMcaAcceptanceCommand>(name).ByPropertyName, name);
        }

        Assert.Equal(["Phone"], Parameter<ConfirmMcaAcceptanceCommand>("PhoneNumber").Aliases);
        // [object], so a date PowerShell cannot read reaches the engine and becomes the row's InvalidContact.
        Assert.Equal(typeof(object), Parameter<ConfirmMcaAcceptanceCommand>("DateAgreed").Type);
        Assert.Equal(typeof(SwitchParameter), Parameter<ConfirmMcaAcceptanceCommand>("Force").Type);
        Assert.Single(Parameters(cmdlet).SelectMany(p => p.Declarations).Select(d => d.SetName).Distinct());
    }

    [Fact]
    public void Confirm_McaAcceptance_ThrottleLimit_defaults_to_8_within_a_validated_range()
    {
        var throttle = typeof(ConfirmMcaAcceptanceCommand).GetProperty("ThrottleLimit")!;
        var range = Attribute(throttle, typeof(ValidateRangeAttribute))!;

        Assert.Equal([1, 64], range.ConstructorArguments.Select(a => Convert.ToInt32(a.Value)));
        Assert.Equal(8, McaConfirmationWorkflow.DefaultThrottleLimit);
        Assert.Equal(8, new ConfirmMcaAcceptanceCommand().ThrottleLimit);
    }

    [Fact]
    public void Every_MCA_output_type_has_a_table_view()
    {
        var format = File.ReadAllText(RepositoryFiles.PathOf("src", "CloudBlueMca", "CloudBlueMca.format.ps1xml"));
        foreach (var type in new[] { typeof(MsAccount), typeof(TenantResource), typeof(McaAcceptanceStatus), typeof(McaConfirmation) })
        {
            Assert.Contains($"<TypeName>{type.FullName}</TypeName>", format);
        }
    }

    private static CmdletParameter Parameter<TCmdlet>(string name) =>
        Parameters(typeof(TCmdlet)).SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException($"{typeof(TCmdlet).Name} has no parameter {name}.");
}

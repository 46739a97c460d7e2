using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Xml.Linq;
using CloudBlueMca.Cmdlets.PartnerCenter;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// The public contract of the Partner Center cmdlets, read from their attributes: names,
/// parameter sets, pipeline binding, aliases, output types and table views.
/// </summary>
public sealed class PartnerCenterCmdletContractTests
{
    private static readonly Type Connect = typeof(ConnectPcServiceCommand);
    private static readonly Type GetCustomer = typeof(GetPcCustomerCommand);

    [Fact]
    public void ConnectPcServiceHasOneParameterSetPerCredentialKindWithInteractiveAsDefault()
    {
        Assert.Equal(Connect, CmdletMetadata.FindCmdlet("Connect", "PcService"));
        Assert.Equal("Interactive", CmdletMetadata.DefaultParameterSet(Connect));
        Assert.Equal(new[] { typeof(PcConnection) }, CmdletMetadata.OutputTypes(Connect));
        var sets = CmdletMetadata.Parameters(Connect)
            .SelectMany(p => p.Declarations)
            .Select(d => d.SetName)
            .Where(n => n != CmdletMetadata.AllSets)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "AccessToken", "Certificate", "CertificateThumbprint", "ClientSecret", "DeviceCode", "Interactive", "RefreshToken" }, sets);
    }

    [Theory]
    [InlineData("DeviceCode", "UseDeviceAuthentication")]
    // -TenantId is needed by these sets but checked by the engine (InvalidCredential): marked
    // mandatory, -Credential alone would be AmbiguousParameterSet between ClientSecret and RefreshToken.
    [InlineData("ClientSecret", "Credential")]
    [InlineData("Certificate", "ApplicationId,Certificate")]
    [InlineData("CertificateThumbprint", "ApplicationId,CertificateThumbprint")]
    [InlineData("RefreshToken", "ApplicationId,RefreshToken")]
    [InlineData("AccessToken", "AccessToken")]
    [InlineData("Interactive", "")]
    public void EachSetRequiresExactlyItsCredentialParts(string set, string mandatory)
    {
        var required = CmdletMetadata.Parameters(Connect).Where(p => p.IsMandatoryIn(set)).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(mandatory.Split(',', StringSplitOptions.RemoveEmptyEntries), required);
    }

    [Theory]
    [InlineData("RefreshToken", "Credential,Certificate,CertificateThumbprint,TenantId,Environment,ApiUri,Authority,TimeoutSec,PassThru")]
    [InlineData("Interactive", "ApplicationId,TenantId,Environment,ApiUri,Authority,TimeoutSec,PassThru")]
    [InlineData("DeviceCode", "ApplicationId,TenantId,Environment,ApiUri,Authority,TimeoutSec,PassThru")]
    [InlineData("AccessToken", "TenantId,Environment,ApiUri,Authority,TimeoutSec,PassThru")]
    public void OptionalPartsAreAvailableInTheirSets(string set, string optional)
    {
        var names = CmdletMetadata.Parameters(Connect).Where(p => p.IsIn(set) && !p.IsMandatoryIn(set)).Select(p => p.Name).ToList();

        Assert.Equal(optional.Split(',').OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void SecretsAreOnlyTakenAsSecureStringOrPSCredential()
    {
        var parameters = CmdletMetadata.Parameters(Connect);

        Assert.Equal(typeof(SecureString), parameters.Single(p => p.Name == "RefreshToken").Type);
        Assert.Equal(typeof(SecureString), parameters.Single(p => p.Name == "AccessToken").Type);
        Assert.Equal(typeof(PSCredential), parameters.Single(p => p.Name == "Credential").Type);
        Assert.DoesNotContain(parameters, p => p.Type == typeof(string) && (p.Name.Contains("Secret") || p.Name.Contains("Token") || p.Name.Contains("Password")));
    }

    [Fact]
    public void DeviceAuthenticationHasTheAliasesOfTheArchivedModule()
    {
        var parameter = CmdletMetadata.Parameters(Connect).Single(p => p.Name == "UseDeviceAuthentication");

        Assert.Equal(new[] { "DeviceCode", "DeviceAuth", "Device" }, parameter.Aliases);
        Assert.Equal(typeof(SwitchParameter), parameter.Type);
    }

    [Fact]
    public void EnvironmentCompletesToTheKnownClouds()
    {
        var validateSet = CmdletMetadata.Attribute(Connect.GetProperty("Environment")!, typeof(ValidateSetAttribute))!;
        var values = ((IEnumerable<CustomAttributeTypedArgument>)validateSet.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

        Assert.Equal(PcEnvironment.All.Select(e => e.Name), values);
        Assert.Equal("AzureCloud", new ConnectPcServiceCommand().Environment);
    }

    [Fact]
    public void NoTwoCredentialSetsCanBeConfused()
    {
        // PowerShell picks a set from the parameters given; two sets whose mandatory parameters are
        // the same could not be told apart.
        var parameters = CmdletMetadata.Parameters(Connect);
        var sets = new[] { "DeviceCode", "ClientSecret", "Certificate", "CertificateThumbprint", "RefreshToken", "AccessToken" };
        var signatures = sets.Select(set => string.Join(",", parameters.Where(p => p.IsMandatoryIn(set)).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal))).ToList();

        Assert.Equal(sets.Length, signatures.Distinct().Count());
    }

    [Fact]
    public void GetPcCustomerTakesCustomerIdsFromThePipelineByValueAndByPropertyName()
    {
        var parameter = CmdletMetadata.Parameters(GetCustomer).Single(p => p.Name == "CustomerId");
        var declaration = Assert.Single(parameter.Declarations);

        Assert.Equal(GetCustomer, CmdletMetadata.FindCmdlet("Get", "PcCustomer"));
        Assert.Equal(typeof(Guid[]), parameter.Type);
        Assert.Equal((0, true, true, false), (declaration.Position, declaration.ByValue, declaration.ByPropertyName, declaration.Mandatory));
        Assert.Equal(new[] { "CustomerTenantId", "TenantId", "MsTenantId" }, parameter.Aliases);
        Assert.Equal(new[] { typeof(PcCustomer) }, CmdletMetadata.OutputTypes(GetCustomer));
        Assert.True(typeof(PcCmdlet).IsAssignableFrom(GetCustomer));
        Assert.Equal(typeof(PcConnection), CmdletMetadata.Parameters(GetCustomer).Single(p => p.Name == "Connection").Type);
    }

    [Fact]
    public void DisconnectPcServiceTakesOnlyAnOptionalConnection()
    {
        var disconnect = CmdletMetadata.FindCmdlet("Disconnect", "PcService")!;

        var parameter = Assert.Single(CmdletMetadata.Parameters(disconnect));
        Assert.Equal(typeof(PcConnection), parameter.Type);
        Assert.False(Assert.Single(parameter.Declarations).Mandatory);
    }

    [Fact]
    public void PcCustomerHasTheDesignedPropertiesAndFeedsGetMsAccountInternalId()
    {
        var expected = new[] { "Id", "CompanyName", "Domain", "InitialSubdomain", "CommerceId", "RelationshipToPartner", "AllowDelegatedAccess", "CustomDomains", "Tags", "CompanyProfile", "BillingProfile" };

        Assert.Equal(expected, typeof(PcCustomer).GetProperties().Select(p => p.Name));
        Assert.Equal(typeof(string), typeof(PcCustomer).GetProperty("InitialSubdomain")!.PropertyType);
        Assert.Equal(typeof(Guid), typeof(PcCustomer).GetProperty("Id")!.PropertyType);
    }

    [Fact]
    public void PcConnectionShowsNoTokenOrSecret()
    {
        var names = typeof(PcConnection).GetProperties().Select(p => p.Name).ToList();

        Assert.Contains("Environment", names);
        Assert.Contains("IsAppOnly", names);
        Assert.Contains("ExpiresOn", names);
        Assert.DoesNotContain(names, n => n.Contains("Token") || n.Contains("Secret") || n.Contains("Password"));
    }

    [Fact]
    public void TheFormatFileHasTableViewsForPcConnectionAndPcCustomer()
    {
        var file = RepositoryFiles.PathOf("src", "CloudBlueMca", "CloudBlueMca.format.ps1xml");
        var views = XDocument.Load(file).Descendants("View").Select(v => (string)v.Element("ViewSelectedBy")!.Element("TypeName")!).ToList();

        Assert.Contains("CloudBlueMca.PcConnection", views);
        Assert.Contains("CloudBlueMca.PcCustomer", views);
        var columns = XDocument.Load(file).Descendants("View").Where(v => (string)v.Element("Name")! == "CloudBlueMca.PcConnection").Descendants("PropertyName").Select(p => p.Value);
        Assert.All(columns, c => Assert.NotNull(typeof(PcConnection).GetProperty(c)));
    }
}

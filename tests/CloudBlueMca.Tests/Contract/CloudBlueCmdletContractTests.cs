using System.Management.Automation;
using CloudBlueMca.Cmdlets.CloudBlue;
using CloudBlueMca.Infrastructure;
using CloudBlueMca.Tests.Support;
using Xunit;
using static CloudBlueMca.Tests.Contract.CmdletMetadata;

namespace CloudBlueMca.Tests.Contract;

/// <summary>The public contract of Connect-CloudBlue and Disconnect-CloudBlue (DESIGN.md), read from attribute metadata.</summary>
public class CloudBlueCmdletContractTests
{
    private static CmdletParameter Parameter(Type cmdlet, string name) => Assert.Single(Parameters(cmdlet), p => p.Name == name);

    private static ParameterDeclaration OnlyDeclaration(Type cmdlet, string name)
    {
        var declaration = Assert.Single(Parameter(cmdlet, name).Declarations);
        Assert.Equal(AllSets, declaration.SetName);
        return declaration;
    }

    [Fact]
    public void ConnectCloudBlueIsDeclaredAsInTheDesign()
    {
        Assert.Equal(typeof(ConnectCloudBlueCommand), FindCmdlet("Connect", "CloudBlue"));
        Assert.False(SupportsShouldProcess(typeof(ConnectCloudBlueCommand)));
        Assert.Equal(new[] { typeof(CloudBlueConnection) }, OutputTypes(typeof(ConnectCloudBlueCommand)));
    }

    [Fact]
    public void ConnectCloudBlueHasExactlyTheContractParameters()
    {
        Assert.Equal(
            new Dictionary<string, Type>
            {
                ["Uri"] = typeof(string),
                ["Credential"] = typeof(PSCredential),
                ["ApplicationInstanceId"] = typeof(string),
                ["TenantTypeId"] = typeof(string),
                ["SkipCertificateCheck"] = typeof(SwitchParameter),
                ["TimeoutSec"] = typeof(int),
                ["PassThru"] = typeof(SwitchParameter),
            },
            Parameters(typeof(ConnectCloudBlueCommand)).ToDictionary(p => p.Name, p => p.Type));
        Assert.All(Parameters(typeof(ConnectCloudBlueCommand)), p => Assert.Empty(p.Aliases));
    }

    [Fact]
    public void ConnectCloudBlueMandatoryAndPositionalParameters()
    {
        var cmdlet = typeof(ConnectCloudBlueCommand);

        Assert.Equal(new ParameterDeclaration(AllSets, Mandatory: true, ByValue: false, ByPropertyName: false, Position: 0), OnlyDeclaration(cmdlet, "Uri"));
        Assert.Equal(new ParameterDeclaration(AllSets, Mandatory: true, ByValue: false, ByPropertyName: false, Position: null), OnlyDeclaration(cmdlet, "Credential"));
        Assert.NotNull(Attribute(typeof(ConnectCloudBlueCommand).GetProperty("Credential")!, typeof(CredentialAttribute)));
        foreach (var name in new[] { "ApplicationInstanceId", "TenantTypeId", "SkipCertificateCheck", "PassThru" })
        {
            Assert.Equal(new ParameterDeclaration(AllSets, Mandatory: false, ByValue: false, ByPropertyName: false, Position: null), OnlyDeclaration(cmdlet, name));
        }
    }

    [Fact]
    public void TenantTypeIdDefaultsToTheDocumentedTenantType() =>
        Assert.Equal("http://www.parallels.com/Office365/Tenant/2.8", new ConnectCloudBlueCommand().TenantTypeId);

    [Fact]
    public void DisconnectCloudBlueTakesOnlyAnOptionalConnection()
    {
        Assert.Equal(typeof(DisconnectCloudBlueCommand), FindCmdlet("Disconnect", "CloudBlue"));
        Assert.Equal(typeof(CloudBlueConnection), Assert.Single(Parameters(typeof(DisconnectCloudBlueCommand))).Type);
        Assert.Equal(new ParameterDeclaration(AllSets, Mandatory: false, ByValue: true, ByPropertyName: false, Position: null), OnlyDeclaration(typeof(DisconnectCloudBlueCommand), "Connection"));
        Assert.Equal(new[] { typeof(void) }, OutputTypes(typeof(DisconnectCloudBlueCommand)));
    }

    [Fact]
    public void CloudBlueCmdletsTakeAnOptionalNamedConnection()
    {
        Assert.Equal(typeof(CloudBlueConnection), Parameter(typeof(CloudBlueCmdlet), "Connection").Type);
        Assert.Equal(new ParameterDeclaration(AllSets, Mandatory: false, ByValue: false, ByPropertyName: false, Position: null), OnlyDeclaration(typeof(CloudBlueCmdlet), "Connection"));
    }

    [Fact]
    public void CloudBlueConnectionExposesExactlyTheContractProperties()
    {
        var properties = typeof(CloudBlueConnection).GetProperties().ToDictionary(p => p.Name, p => p.PropertyType);

        Assert.Equal("CloudBlueMca", typeof(CloudBlueConnection).Namespace);
        Assert.Equal(
            new Dictionary<string, Type>
            {
                ["Uri"] = typeof(Uri),
                ["ConsumerKey"] = typeof(string),
                ["ApplicationInstanceId"] = typeof(string),
                ["TenantTypeId"] = typeof(string),
                ["SkipCertificateCheck"] = typeof(bool),
                ["ConnectedAt"] = typeof(DateTimeOffset),
                ["Endpoint"] = typeof(Uri),
                ["AuthenticationKind"] = typeof(CloudBlueAuthenticationKind),
                ["TimeoutSec"] = typeof(int),
                ["IsConnected"] = typeof(bool),
            },
            properties);
        Assert.Empty(typeof(CloudBlueConnection).GetConstructors());
    }

    [Fact]
    public void TheTableViewShowsTheConnection()
    {
        var format = System.Xml.Linq.XDocument.Load(RepositoryFiles.PathOf("src", "CloudBlueMca", "CloudBlueMca.format.ps1xml"));
        var view = format.Descendants("View").Single(v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName") == "CloudBlueMca.CloudBlueConnection");

        Assert.NotNull(view.Element("TableControl"));
        Assert.Equal(new[] { "Endpoint", "IsConnected", "ConsumerKey", "ApplicationInstanceId" }, view.Descendants("PropertyName").Select(p => p.Value));
    }
}

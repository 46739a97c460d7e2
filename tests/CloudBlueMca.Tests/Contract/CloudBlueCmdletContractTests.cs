using System.Management.Automation;
using CloudBlueMca.Cmdlets.CloudBlue;
using CloudBlueMca.Infrastructure;
using CloudBlueMca.Tests.Support;
using Xunit;
using static CloudBlueMca.Tests.Support.CmdletMetadata;

namespace CloudBlueMca.Tests.Contract;

/// <summary>The public contract of Connect-CloudBlue and Disconnect-CloudBlue (DESIGN.md), read from attribute metadata.</summary>
public class CloudBlueCmdletContractTests
{
    [Fact]
    public void ConnectCloudBlueIsDeclaredAsInTheDesign()
    {
        Assert.Equal(("Connect", "CloudBlue"), VerbAndNoun(typeof(ConnectCloudBlueCommand)));
        Assert.False(CmdletNamed(typeof(ConnectCloudBlueCommand), nameof(CmdletAttribute.SupportsShouldProcess)));
        Assert.Equal(new[] { typeof(CloudBlueConnection) }, OutputTypes(typeof(ConnectCloudBlueCommand)));
    }

    [Fact]
    public void ConnectCloudBlueHasExactlyTheContractParameters()
    {
        var parameters = Parameters(typeof(ConnectCloudBlueCommand));

        Assert.Equal(
            new Dictionary<string, Type>
            {
                ["Uri"] = typeof(string),
                ["Credential"] = typeof(PSCredential),
                ["ApplicationInstanceId"] = typeof(string),
                ["TenantTypeId"] = typeof(string),
                ["SkipCertificateCheck"] = typeof(SwitchParameter),
                ["PassThru"] = typeof(SwitchParameter),
            },
            parameters.ToDictionary(p => p.Key, p => p.Value.Property.PropertyType));
    }

    [Fact]
    public void ConnectCloudBlueMandatoryAndPositionalParameters()
    {
        var parameters = Parameters(typeof(ConnectCloudBlueCommand));

        Assert.True(IsMandatory(parameters["Uri"].Parameter));
        Assert.Equal(0, Position(parameters["Uri"].Parameter));
        Assert.True(IsMandatory(parameters["Credential"].Parameter));
        Assert.True(Has<CredentialAttribute>(parameters["Credential"].Property));
        foreach (var name in new[] { "Credential", "ApplicationInstanceId", "TenantTypeId", "SkipCertificateCheck", "PassThru" })
        {
            Assert.Null(Position(parameters[name].Parameter));
        }

        foreach (var name in new[] { "ApplicationInstanceId", "TenantTypeId", "SkipCertificateCheck", "PassThru" })
        {
            Assert.False(IsMandatory(parameters[name].Parameter), name);
        }
    }

    [Fact]
    public void TenantTypeIdDefaultsToTheDocumentedTenantType() =>
        Assert.Equal("http://www.parallels.com/Office365/Tenant/2.8", new ConnectCloudBlueCommand().TenantTypeId);

    [Fact]
    public void DisconnectCloudBlueTakesNoParameters()
    {
        Assert.Equal(("Disconnect", "CloudBlue"), VerbAndNoun(typeof(DisconnectCloudBlueCommand)));
        Assert.Empty(Parameters(typeof(DisconnectCloudBlueCommand)));
        Assert.Equal(new[] { typeof(void) }, OutputTypes(typeof(DisconnectCloudBlueCommand)));
    }

    [Fact]
    public void CloudBlueCmdletsTakeAnOptionalNamedConnection()
    {
        var (property, parameter) = Parameters(typeof(CloudBlueCmdlet))["Connection"];

        Assert.Equal(typeof(CloudBlueConnection), property.PropertyType);
        Assert.False(IsMandatory(parameter));
        Assert.Null(Position(parameter));
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
            },
            properties);
        Assert.Empty(typeof(CloudBlueConnection).GetConstructors());
    }

    [Fact]
    public void TheTableViewShowsTheConnection()
    {
        var format = System.Xml.Linq.XDocument.Load(RepoPaths.Combine("src", "CloudBlueMca", "CloudBlueMca.format.ps1xml"));
        var view = format.Descendants("View").Single(v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName") == "CloudBlueMca.CloudBlueConnection");

        Assert.NotNull(view.Element("TableControl"));
        Assert.Equal(new[] { "Uri", "ConsumerKey", "ApplicationInstanceId", "ConnectedAt" }, view.Descendants("PropertyName").Select(p => p.Value));
    }
}

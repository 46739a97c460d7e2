using CloudBlueMca.Cmdlets.Mca;
using Xunit;
using static CloudBlueMca.Tests.Contract.CmdletMetadata;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// Every pipeline of DESIGN.md, checked from cmdlet metadata: each mandatory downstream
/// parameter is bound by a property (name or alias) of the upstream [OutputType] or given on the
/// command line, the types convert, and an input object binds exactly one parameter set.
/// </summary>
public class DesignPipelineTests
{
    private static readonly string[] ContactParameters = ["FirstName", "LastName", "Email", "PhoneNumber"];

    [Fact]
    public void MsAccount_into_Confirm_McaAcceptance_binds_the_account_and_takes_the_contact_from_the_command_line()
    {
        var binding = Pipe(Upstream<GetMsAccountInternalIdCommand>(typeof(MsAccount)), typeof(ConfirmMcaAcceptanceCommand), ContactParameters);

        Assert.Equal("MsAccountId", binding.BoundFromPipeline["MsAccountId"]);
        Assert.Equal("InitialSubdomain", binding.BoundFromPipeline["InitialSubdomain"]);
    }

    [Fact]
    public void MsAccount_into_Test_McaAcceptance_binds_AccountId_and_InitialSubdomain()
    {
        var binding = Pipe(Upstream<GetMsAccountInternalIdCommand>(typeof(MsAccount)), typeof(TestMcaAcceptanceCommand));

        Assert.Equal("AccountId", binding.BoundFromPipeline["AccountId"]);
        Assert.Equal("InitialSubdomain", binding.BoundFromPipeline["InitialSubdomain"]);
        // MsAccount.AccountId is int?: a null fails binding of that one object (documented on the cmdlet).
        Assert.Equal(typeof(int?), typeof(MsAccount).GetProperty("AccountId")!.PropertyType);
    }

    [Fact]
    public void McaAcceptanceStatus_through_Where_Object_into_Confirm_McaAcceptance_with_a_splatted_contact()
    {
        // Where-Object passes the objects through unchanged, so the upstream type is Test-McaAcceptance's.
        var binding = Pipe(Upstream<TestMcaAcceptanceCommand>(typeof(McaAcceptanceStatus)), typeof(ConfirmMcaAcceptanceCommand), ContactParameters);

        Assert.Equal("MsAccountId", binding.BoundFromPipeline["MsAccountId"]);
        Assert.Equal("InitialSubdomain", binding.BoundFromPipeline["InitialSubdomain"]);
        Assert.DoesNotContain("DateAgreed", binding.BoundFromPipeline.Keys);
    }

    [Fact]
    public void Import_Csv_rows_bind_every_Confirm_McaAcceptance_column()
    {
        var row = PipelineBinding.CsvColumns("InitialSubdomain", "FirstName", "LastName", "Email", "PhoneNumber", "DateAgreed");

        var binding = Pipe(row, typeof(ConfirmMcaAcceptanceCommand));

        Assert.Equal(["DateAgreed", "Email", "FirstName", "InitialSubdomain", "LastName", "PhoneNumber"], binding.BoundFromPipeline.Keys.Order());
    }

    [Fact]
    public void Import_Csv_rows_with_a_Phone_column_bind_through_the_alias()
    {
        var binding = Pipe(PipelineBinding.CsvColumns("InitialSubdomain", "FirstName", "LastName", "Email", "Phone"), typeof(ConfirmMcaAcceptanceCommand));
        Assert.Equal("Phone", binding.BoundFromPipeline["PhoneNumber"]);
    }

    [Fact]
    public void A_CSV_without_a_contact_column_does_not_satisfy_Confirm_McaAcceptance()
    {
        var binding = PipelineBinding.Analyze(PipelineBinding.CsvColumns("InitialSubdomain", "FirstName", "LastName", "Email"), typeof(ConfirmMcaAcceptanceCommand));

        Assert.Empty(binding.SatisfiedSets);
        Assert.Contains(binding.Problems, p => p.Contains("PhoneNumber"));
    }

    [Fact]
    public void McaAcceptanceStatus_into_Get_PcCustomer_binds_MsTenantId_to_CustomerId()
    {
        var getPcCustomer = FindCmdlet("Get", "PcCustomer")!;

        var binding = Pipe(Upstream<TestMcaAcceptanceCommand>(typeof(McaAcceptanceStatus)), getPcCustomer);

        Assert.Equal("MsTenantId", binding.BoundFromPipeline["CustomerId"]);
    }

    [Fact]
    public void PcCustomer_into_Get_MsAccountInternalId_binds_InitialSubdomain()
    {
        var getPcCustomer = FindCmdlet("Get", "PcCustomer")!;
        var pcCustomer = OutputTypes(getPcCustomer).Single(t => t.Name == "PcCustomer");

        var binding = Pipe(PipelineBinding.PropertiesOf(pcCustomer), typeof(GetMsAccountInternalIdCommand));

        // The parameter's own name is matched before its alias Domain, as PowerShell does.
        Assert.Equal("InitialSubdomain", binding.BoundFromPipeline["InitialSubdomain"]);
    }

    [Fact]
    public void The_checker_reports_an_object_that_binds_two_parameter_sets()
    {
        var binding = PipelineBinding.Analyze(PipelineBinding.CsvColumns("Left", "Right"), typeof(TwoSetsSample));

        Assert.Empty(binding.SatisfiedSets);
        Assert.NotEmpty(binding.Problems);
    }

    [Fact]
    public void The_checker_reports_a_missing_mandatory_parameter_and_an_inconvertible_type()
    {
        var missing = PipelineBinding.Analyze(PipelineBinding.CsvColumns("FirstName"), typeof(TestMcaAcceptanceCommand));
        Assert.Contains(missing.Problems, p => p.Contains("missing AccountId"));

        var wrongType = PipelineBinding.Analyze(new Dictionary<string, Type> { ["AccountId"] = typeof(Guid) }, typeof(TestMcaAcceptanceCommand));
        Assert.Contains(wrongType.Problems, p => p.Contains("cannot convert"));
    }

    private static PipelineBinding Pipe(IReadOnlyDictionary<string, Type> upstream, Type downstream, params string[] explicitParameters)
    {
        var binding = PipelineBinding.Analyze(upstream, downstream, explicitParameters);
        Assert.True(binding.Problems.Count == 0, binding.ToString());
        Assert.Single(binding.SatisfiedSets);
        return binding;
    }

    /// <summary>The properties of <paramref name="type"/>, after checking the upstream cmdlet declares it.</summary>
    private static IReadOnlyDictionary<string, Type> Upstream<TCmdlet>(Type type)
    {
        Assert.Contains(type, OutputTypes(typeof(TCmdlet)));
        return PipelineBinding.PropertiesOf(type);
    }

    [System.Management.Automation.Cmdlet("Test", "TwoSetsSample")]
    public sealed class TwoSetsSample : System.Management.Automation.PSCmdlet
    {
        [System.Management.Automation.Parameter(ParameterSetName = "ByLeft", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string? Left { get; set; }

        [System.Management.Automation.Parameter(ParameterSetName = "ByRight", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string? Right { get; set; }
    }
}

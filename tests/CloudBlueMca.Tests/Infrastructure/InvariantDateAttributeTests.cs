using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using CloudBlueMca.Cmdlets.Mca;
using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

public class InvariantDateAttributeTests
{
    private static readonly InvariantDateAttribute Attribute = new();

    [Fact]
    public void Confirm_McaAcceptance_DateAgreed_carries_it()
    {
        Assert.NotNull(typeof(ConfirmMcaAcceptanceCommand).GetProperty("DateAgreed")!.GetCustomAttribute<InvariantDateAttribute>());
    }

    [Theory]
    [InlineData("2020-02-19")]
    [InlineData("2020-02-19T23:30:00")]
    [InlineData("02/19/2020")]
    public void A_csv_date_reads_the_same_whatever_the_machine_culture(string text)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var date = Assert.IsType<DateTime>(Attribute.Transform(null!, text));
            Assert.Equal(new DateTime(2020, 2, 19), date.Date);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_cell_means_not_given(string text)
    {
        Assert.Null(Attribute.Transform(null!, text));
    }

    [Theory]
    [InlineData("19/02/2020")]
    [InlineData("yesterday")]
    [InlineData("2020-02-30")]
    public void Text_that_is_not_a_date_fails_the_binding_instead_of_being_dropped(string text)
    {
        Assert.Throws<ArgumentTransformationMetadataException>(() => Attribute.Transform(null!, text));
    }

    [Fact]
    public void A_date_is_left_for_PowerShell_to_bind()
    {
        var date = new DateTime(2020, 2, 19, 8, 0, 0, DateTimeKind.Local);
        Assert.Equal(date, Attribute.Transform(null!, date));
    }
}

using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class McaContactTests
{
    private static readonly DateTime Today = new(2024, 5, 17, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Create_trims_and_defaults_the_date_to_today_utc()
    {
        var contact = McaContact.Create(" John ", "Smith ", " johnsmith@example.com", " +1234567 ", null, Today, "example");

        Assert.Equal("John", contact.FirstName);
        Assert.Equal("Smith", contact.LastName);
        Assert.Equal("johnsmith@example.com", contact.Email);
        Assert.Equal("+1234567", contact.Phone);
        Assert.Equal("2024-05-17", contact.DateAgreedText);
    }

    [Fact]
    public void Create_drops_the_time_of_day_and_accepts_today()
    {
        var contact = McaContact.Create("John", "Smith", "john@example.com", "+1 (425) 555-0100", Today.AddHours(23), Today, "example");
        Assert.Equal("2024-05-17", contact.DateAgreedText);
    }

    [Theory]
    [InlineData("", "Smith", "john@example.com", "+1234567", "FirstName is empty")]
    [InlineData("John", "  ", "john@example.com", "+1234567", "LastName is empty")]
    [InlineData("John", "Smith", "john", "+1234567", "Email 'john'")]
    [InlineData("John", "Smith", "john@", "+1234567", "Email")]
    [InlineData("John", "Smith", "john@example", "+1234567", "Email")]
    [InlineData("John", "Smith", "jo hn@example.com", "+1234567", "Email")]
    [InlineData("John", "Smith", "john@example.com", "call me", "PhoneNumber 'call me'")]
    [InlineData("John", "Smith", "john@example.com", "+12", "PhoneNumber")]
    [InlineData("John", "Smith", "john@example.com", "", "PhoneNumber")]
    [InlineData("John", "Smith", "john@example.com", "+1234567;drop", "PhoneNumber")]
    public void Create_rejects_each_bad_field_with_InvalidContact(string first, string last, string email, string phone, string expectedText)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create(first, last, email, phone, null, Today, "example"));

        Assert.Equal(ErrorIds.InvalidContact, error.ErrorId);
        Assert.Equal("example", error.Target);
        Assert.Contains(expectedText, error.Message);
        Assert.Contains("'example'", error.Message);
    }

    [Fact]
    public void Create_rejects_a_date_after_today_utc()
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create("John", "Smith", "john@example.com", "+1234567", Today.AddDays(1), Today, "example"));
        Assert.Contains("2024-05-18 is in the future", error.Message);
    }

    [Fact]
    public void Create_takes_a_local_time_as_its_utc_date()
    {
        // The last UTC hour of today, as Get-Date would give it: east of UTC its local date is
        // already tomorrow, west of UTC it is still today. (On a UTC machine both dates agree.)
        var localMoment = Today.AddHours(23.5).ToLocalTime();

        var contact = McaContact.Create("John", "Smith", "john@example.com", "+1234567", localMoment, Today, "example");

        Assert.Equal("2024-05-17", contact.DateAgreedText);
        Assert.Equal(DateTimeKind.Utc, contact.DateAgreed.Kind);
    }

    [Fact]
    public void Create_takes_a_date_without_kind_as_the_calendar_date_it_names()
    {
        var fromCsv = new DateTime(2024, 5, 17, 0, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal("2024-05-17", McaContact.Create("John", "Smith", "john@example.com", "+1234567", fromCsv, Today, "example").DateAgreedText);
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create("John", "Smith", "john@example.com", "+1234567", fromCsv.AddDays(1), Today, "example"));
        Assert.Contains("2024-05-18 is in the future", error.Message);
    }

    [Fact]
    public void Create_lists_every_problem_at_once()
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create(null, null, null, null, null, Today, "row"));
        Assert.Contains("FirstName", error.Message);
        Assert.Contains("LastName", error.Message);
        Assert.Contains("Email", error.Message);
        Assert.Contains("PhoneNumber", error.Message);
    }

    [Fact]
    public void IsRecordedAs_ignores_case_and_phone_punctuation_but_not_the_date()
    {
        var contact = McaContact.Create("John", "Smith", "johnsmith@example.com", "+1 234 567", new DateTime(2020, 2, 19), Today, "x");
        var recorded = new CloudAgreementContact { Email = "JohnSmith@example.com", FirstName = "john", LastName = "SMITH", Phone = "+1234567", DateAgreed = new DateTime(2020, 2, 19) };

        Assert.True(contact.IsRecordedAs(recorded));
        recorded.DateAgreed = new DateTime(2020, 2, 20);
        Assert.False(contact.IsRecordedAs(recorded));
        Assert.False(contact.IsRecordedAs(null));
    }
}

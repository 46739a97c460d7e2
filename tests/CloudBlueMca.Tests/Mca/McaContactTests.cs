using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class McaContactTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 17, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Create_trims_and_defaults_the_date_to_today_utc()
    {
        var contact = McaContact.Create(" John ", "Smith ", " johnsmith@example.com", " +1234567 ", null, Now, TimeZoneInfo.Utc, "example");

        Assert.Equal("John", contact.FirstName);
        Assert.Equal("Smith", contact.LastName);
        Assert.Equal("johnsmith@example.com", contact.Email);
        Assert.Equal("+1234567", contact.Phone);
        Assert.Equal("2024-05-17", contact.DateAgreed.ToString());
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
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create(first, last, email, phone, null, Now, TimeZoneInfo.Utc, "example"));

        Assert.Equal(ErrorIds.InvalidContact, error.ErrorId);
        Assert.Equal("example", error.Target);
        Assert.Contains(expectedText, error.Message);
        Assert.Contains("'example'", error.Message);
    }

    [Theory]
    [InlineData("01.02.2024")]
    [InlineData("1.5.2024")]
    [InlineData("31.12.2024")]
    [InlineData("05/01/2024")]
    [InlineData("yesterday")]
    [InlineData("2024-02-30")]
    public void Create_refuses_a_date_that_is_not_ISO_8601_naming_the_accepted_format(string text)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create("John", "Smith", "john@example.com", "+1234567", text, Now, TimeZoneInfo.Utc, "example"));

        Assert.Equal(ErrorIds.InvalidContact, error.ErrorId);
        Assert.Contains($"DateAgreed '{text}' is not", error.Message);
        Assert.Contains("yyyy-MM-dd", error.Message);
    }

    [Fact]
    public void Create_refuses_a_date_after_the_users_local_today()
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create("John", "Smith", "john@example.com", "+1234567", "2024-05-18", Now, TimeZoneInfo.Utc, "example"));
        Assert.Contains("2024-05-18 is in the future", error.Message);
    }

    [Fact]
    public void Create_keeps_a_given_date_and_sends_today_utc_without_one()
    {
        var given = McaContact.Create("John", "Smith", "john@example.com", "+1234567", new DateTime(2020, 2, 19), Now, TimeZoneInfo.Utc, "example");
        var none = McaContact.Create("John", "Smith", "john@example.com", "+1234567", null, Now, TimeZoneInfo.Utc, "example");

        Assert.Equal(new AgreementDate(2020, 2, 19), given.GivenDate);
        Assert.Null(none.GivenDate);
        Assert.Equal("2024-05-17", none.DateAgreed.ToString());
    }

    [Fact]
    public void Create_lists_every_problem_at_once()
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => McaContact.Create(null, null, null, null, null, Now, TimeZoneInfo.Utc, "row"));
        Assert.Contains("FirstName", error.Message);
        Assert.Contains("LastName", error.Message);
        Assert.Contains("Email", error.Message);
        Assert.Contains("PhoneNumber", error.Message);
    }

    [Fact]
    public void IsRecordedAs_ignores_case_and_phone_punctuation_but_not_a_given_date()
    {
        var contact = McaContact.Create("John", "Smith", "johnsmith@example.com", "+1 234 567", "2020-02-19", Now, TimeZoneInfo.Utc, "x");
        var recorded = new CloudAgreementContact { Email = "JohnSmith@example.com", FirstName = "john", LastName = "SMITH", Phone = "+1234567", DateAgreed = "2020-02-19" };

        Assert.True(contact.IsRecordedAs(recorded));
        recorded.DateAgreed = "2020-02-20";
        Assert.False(contact.IsRecordedAs(recorded));
        Assert.False(contact.IsRecordedAs(null));
    }

    [Fact]
    public void IsRecordedAs_without_a_given_date_matches_the_same_person_whatever_the_recorded_date()
    {
        var contact = McaContact.Create("John", "Smith", "johnsmith@example.com", "+1234567", null, Now, TimeZoneInfo.Utc, "x");
        var recorded = new CloudAgreementContact { Email = "johnsmith@example.com", FirstName = "John", LastName = "Smith", Phone = "+1234567", DateAgreed = "2019-11-02" };

        Assert.True(contact.IsRecordedAs(recorded));
        recorded.DateAgreed = null;
        Assert.False(contact.IsRecordedAs(recorded));
        recorded.DateAgreed = "2019-11-02";
        recorded.Email = "jane@example.com";
        Assert.False(contact.IsRecordedAs(recorded));
    }
}

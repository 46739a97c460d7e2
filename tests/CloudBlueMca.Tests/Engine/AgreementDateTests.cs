using System.Globalization;
using CloudBlueMca.Engine;
using Xunit;

namespace CloudBlueMca.Tests.Engine;

public class AgreementDateTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Honolulu = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu");

    public static TheoryData<string> Cultures => new() { "de-DE", "en-US", "fr-FR", "th-TH", "ja-JP", "ar-SA", "fa-IR", "he-IL" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void ISO_text_reads_the_same_and_writes_yyyy_MM_dd_in_every_culture_and_calendar(string culture)
    {
        WithCulture(culture, () =>
        {
            Assert.True(AgreementDate.TryParse("2024-05-01", out var date));
            Assert.Equal((2024, 5, 1), (date.Year, date.Month, date.Day));
            Assert.Equal("2024-05-01", date.ToString());
            Assert.Equal("2024-05-01", AgreementDate.Parse(" 2024-05-01 ").ToString());
            Assert.Equal("2024-05-01", AgreementDate.Parse("2024-05-01T09:30:00Z").ToString());
        });
    }

    [Theory]
    [InlineData("01.02.2024")]
    [InlineData("1.5.2024")]
    [InlineData("05/01/2024")]
    [InlineData("2024/05/01")]
    [InlineData("20240501")]
    [InlineData("2024-5-1")]
    [InlineData("2024-02-30")]
    [InlineData("May 1, 2024")]
    [InlineData("")]
    [InlineData("2567-05-01x")]
    public void Other_text_is_refused_never_guessed(string text)
    {
        WithCulture("de-DE", () =>
        {
            Assert.False(AgreementDate.TryParse(text, out _));
            var error = Assert.Throws<FormatException>(() => AgreementDate.Parse(text));
            Assert.Contains("yyyy-MM-dd", error.Message);
        });
    }

    [Fact]
    public void A_datetime_at_midnight_is_the_calendar_date_typed_whatever_its_kind()
    {
        Assert.Equal("2024-05-01", AgreementDate.FromDateTime(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Local)).ToString());
        Assert.Equal("2024-05-01", AgreementDate.FromDateTime(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Unspecified)).ToString());
        Assert.Equal("2024-05-01", AgreementDate.FromDateTime(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc)).ToString());
        Assert.Equal("2024-05-01", AgreementDate.FromDateTimeOffset(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.FromHours(2))).ToString());
    }

    [Fact]
    public void A_datetime_with_a_time_of_day_is_a_moment_and_counts_as_its_UTC_date()
    {
        Assert.Equal("2024-04-30", AgreementDate.FromDateTime(new DateTime(2024, 4, 30, 23, 30, 0, DateTimeKind.Utc)).ToString());
        Assert.Equal("2024-04-30", AgreementDate.FromDateTimeOffset(new DateTimeOffset(2024, 5, 1, 0, 20, 0, TimeSpan.FromHours(2))).ToString());
        Assert.Equal("2024-05-01", AgreementDate.FromDateTimeOffset(new DateTimeOffset(2024, 4, 30, 20, 0, 0, TimeSpan.FromHours(-10))).ToString());
        Assert.Equal("2024-04-30", AgreementDate.Parse("2024-05-01T00:20:00+02:00").ToString());

        // A local time: its UTC date, whatever this machine's zone.
        var local = new DateTime(2024, 5, 1, 0, 20, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), AgreementDate.FromDateTime(local).ToString());
        Assert.Equal(local.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), AgreementDate.Parse("2024-05-01T00:20").ToString());
    }

    [Fact]
    public void At_00_20_in_Berlin_today_is_Berlins_date_and_tomorrow_is_the_future()
    {
        var now = new DateTimeOffset(2024, 5, 1, 0, 20, 0, TimeSpan.FromHours(2));

        Assert.True(AgreementDate.TryRead(new DateTime(2024, 5, 1), now, Berlin, out var today, out _));
        Assert.Equal("2024-05-01", today.ToString());
        Assert.True(AgreementDate.TryRead("2024-05-01", now, Berlin, out _, out _));
        Assert.False(AgreementDate.TryRead("2024-05-02", now, Berlin, out _, out var problem));
        Assert.Equal("2024-05-02 is in the future (today is 2024-05-01 where you are)", problem);
    }

    [Fact]
    public void In_the_evening_in_Honolulu_a_moment_already_tomorrow_in_UTC_is_not_the_future_but_that_calendar_date_is()
    {
        var now = new DateTimeOffset(2024, 4, 30, 20, 0, 0, TimeSpan.FromHours(-10));

        Assert.True(AgreementDate.TryRead(now, now, Honolulu, out var moment, out _));
        Assert.Equal("2024-05-01", moment.ToString());
        Assert.False(AgreementDate.TryRead("2024-05-01", now, Honolulu, out _, out var problem));
        Assert.Contains("in the future", problem);
        Assert.Equal("2024-05-01", AgreementDate.UtcToday(now).ToString());
    }

    [Fact]
    public void TryRead_names_the_accepted_forms_for_text_and_other_types()
    {
        var now = DateTimeOffset.Now;
        Assert.False(AgreementDate.TryRead("01.02.2024", now, Berlin, out _, out var text));
        Assert.StartsWith("'01.02.2024' is not an ISO 8601 date, yyyy-MM-dd", text);
        Assert.False(AgreementDate.TryRead(42, now, Berlin, out _, out var number));
        Assert.Contains("(Int32) is not an ISO 8601 date", number);
        Assert.True(AgreementDate.TryRead(new AgreementDate(2020, 2, 19), now, Berlin, out var given, out _));
        Assert.Equal(new AgreementDate(2020, 2, 19), given);
    }

    [Fact]
    public void Dates_compare_by_day()
    {
        Assert.True(new AgreementDate(2024, 5, 1) == AgreementDate.Parse("2024-05-01"));
        Assert.True(new AgreementDate(2024, 5, 1).CompareTo(new AgreementDate(2024, 5, 2)) < 0);
        Assert.Equal(new DateTime(2024, 5, 1), new AgreementDate(2024, 5, 1).ToDateTime());
    }

    private static void WithCulture(string name, Action test)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(name);
            test();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}

using System;
using System.Globalization;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// The calendar date on which someone accepted an agreement (CloudBlue's
    /// <c>cloud_agreement_contact.date_agreed</c>, seed 001; Partner Center's <c>dateAgreed</c>).
    /// It is a date, not a moment: the one shared way the module reads a date a user gives, and
    /// writes one out, so no machine culture or calendar can change it.
    /// </summary>
    /// <remarks>
    /// Reading (<see cref="TryRead"/>):
    /// <list type="bullet">
    /// <item>Text must be ISO 8601: <c>yyyy-MM-dd</c>, optionally followed by a time
    /// (<c>T</c> or a space, <c>HH:mm[:ss[.fffffff]]</c>, optionally <c>Z</c> or <c>±hh:mm</c>),
    /// always in the Gregorian calendar, in every culture (th-TH, ja-JP and ar-SA included). Any
    /// other text is refused, never guessed: <c>01.02.2024</c> could be January or February.</item>
    /// <item>A value at midnight (what <c>(Get-Date).Date</c>, <c>[datetime]'2024-05-01'</c> or
    /// <c>2024-05-01</c> give) is the calendar date it names, whatever its kind or time zone.</item>
    /// <item>A value with a time of day is a moment, and counts as its UTC date, as seed 001 asks
    /// ("use dates in the YYYY-MM-DD format and the UTC timezone"). A time without an offset
    /// (<c>Get-Date</c>, <c>2024-05-01T14:30</c>) is the local time of this machine.</item>
    /// <item>A date in the future is refused. For a calendar date, "today" is the user's local
    /// date (at 00:20 in Berlin, today's Berlin date is valid although UTC is still on yesterday);
    /// for a moment it is today's UTC date, the calendar its date was taken in (so
    /// <c>Get-Date</c> in the evening west of UTC, already tomorrow in UTC, is not refused).</item>
    /// </list>
    /// Writing: <see cref="ToString"/> is always <c>yyyy-MM-dd</c> (Gregorian, invariant digits), so
    /// <c>Export-Csv</c> / <c>Import-Csv</c> round trips give the same date in any culture.
    /// </remarks>
    public readonly struct AgreementDate : IEquatable<AgreementDate>, IComparable<AgreementDate>
    {
        /// <summary>The one text form dates are written in, and the one the APIs take.</summary>
        public const string Format = "yyyy-MM-dd";

        /// <summary>What a user may give, for error messages and help.</summary>
        public const string AcceptedForms =
            "an ISO 8601 date, yyyy-MM-dd (for example 2024-05-01), optionally with a time (2024-05-01T14:30:00Z), or a [datetime]";

        // Date-only forms first; then the time forms, with and without an offset ("K").
        private static readonly string[] IsoForms =
        {
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        };

        private readonly DateTime _date;

        /// <summary>A date of the Gregorian calendar; throws <see cref="ArgumentOutOfRangeException"/> for one that does not exist.</summary>
        public AgreementDate(int year, int month, int day)
        {
            _date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        }

        private AgreementDate(DateTime date)
        {
            _date = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        }

        public int Year => _date.Year;

        public int Month => _date.Month;

        public int Day => _date.Day;

        /// <summary>Today's date in UTC at <paramref name="now"/>: the default agreement date (seed 001 asks for UTC).</summary>
        public static AgreementDate UtcToday(DateTimeOffset now) => new AgreementDate(now.UtcDateTime);

        /// <summary>
        /// The calendar date a <see cref="DateTime"/> stands for: its own date at midnight,
        /// otherwise the UTC date of the moment (a Local or Unspecified time is this machine's).
        /// </summary>
        public static AgreementDate FromDateTime(DateTime value) =>
            new AgreementDate(IsMidnight(value.TimeOfDay) ? value : ToUtc(value));

        /// <summary>Its own date at midnight (of its offset), otherwise the UTC date of the moment.</summary>
        public static AgreementDate FromDateTimeOffset(DateTimeOffset value) =>
            new AgreementDate(IsMidnight(value.TimeOfDay) ? value.DateTime : value.UtcDateTime);

        /// <summary>Reads ISO 8601 text (see the remarks); false for anything else, in every culture.</summary>
        public static bool TryParse(string? text, out AgreementDate date) => TryParse(text, out date, out _);

        /// <summary>Like <see cref="TryParse"/>; throws <see cref="FormatException"/> naming the accepted forms. PowerShell uses it for <c>[CloudBlueMca.Engine.AgreementDate]'2024-05-01'</c>.</summary>
        public static AgreementDate Parse(string text) =>
            TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not {AcceptedForms}.");

        /// <summary>
        /// Reads a date a user gave (an <see cref="AgreementDate"/>, <see cref="DateTime"/>,
        /// <see cref="DateTimeOffset"/> or ISO 8601 text) and refuses one in the future. On
        /// failure <paramref name="problem"/> says why and names the accepted forms, ready to
        /// follow the parameter name in a message ("DateAgreed '01.02.2024' is not ...").
        /// </summary>
        /// <param name="value">Never null: a missing date is the caller's default to choose.</param>
        /// <param name="now">The current moment.</param>
        /// <param name="localZone">The user's time zone: its calendar decides what "today" is for a calendar date.</param>
        public static bool TryRead(object value, DateTimeOffset now, TimeZoneInfo localZone, out AgreementDate date, out string? problem)
        {
            date = default;
            bool isMoment;
            switch (value)
            {
                case AgreementDate given:
                    date = given;
                    isMoment = false;
                    break;
                case DateTime dateTime:
                    date = FromDateTime(dateTime);
                    isMoment = !IsMidnight(dateTime.TimeOfDay);
                    break;
                case DateTimeOffset offset:
                    date = FromDateTimeOffset(offset);
                    isMoment = !IsMidnight(offset.TimeOfDay);
                    break;
                case string text when TryParse(text, out date, out isMoment):
                    break;
                case string text:
                    problem = $"'{text}' is not {AcceptedForms}; other forms are refused in every culture rather than guessed";
                    return false;
                default:
                    problem = $"'{value}' ({value.GetType().Name}) is not {AcceptedForms}";
                    return false;
            }

            var today = isMoment ? UtcToday(now) : new AgreementDate(TimeZoneInfo.ConvertTime(now, localZone).DateTime);
            if (date.CompareTo(today) > 0)
            {
                problem = $"{date} is in the future (today is {today}{(isMoment ? " in UTC" : " where you are")})";
                return false;
            }

            problem = null;
            return true;
        }

        /// <summary><see cref="TryRead(object, DateTimeOffset, TimeZoneInfo, out AgreementDate, out string)"/> at this moment, in this machine's time zone.</summary>
        public static bool TryRead(object value, out AgreementDate date, out string? problem) =>
            TryRead(value, DateTimeOffset.Now, TimeZoneInfo.Local, out date, out problem);

        /// <summary>Midnight of this date, with <see cref="DateTimeKind.Unspecified"/>.</summary>
        public DateTime ToDateTime() => _date;

        public int CompareTo(AgreementDate other) => _date.CompareTo(other._date);

        public bool Equals(AgreementDate other) => _date == other._date;

        public override bool Equals(object? obj) => obj is AgreementDate other && Equals(other);

        public override int GetHashCode() => _date.GetHashCode();

        /// <summary><c>yyyy-MM-dd</c> in the Gregorian calendar, whatever the current culture.</summary>
        public override string ToString() => _date.ToString(Format, CultureInfo.InvariantCulture);

        public static bool operator ==(AgreementDate left, AgreementDate right) => left.Equals(right);

        public static bool operator !=(AgreementDate left, AgreementDate right) => !left.Equals(right);

        private static bool IsMidnight(TimeSpan timeOfDay) => timeOfDay == TimeSpan.Zero;

        private static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime();

        private static bool TryParse(string? text, out AgreementDate date, out bool isMoment)
        {
            date = default;
            isMoment = false;
            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                return false;
            }

            // The date alone first, so a date-only value never goes through time-zone rules.
            if (DateTime.TryParseExact(trimmed, IsoForms[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var calendarDate))
            {
                date = new AgreementDate(calendarDate);
                return true;
            }

            if (!DateTimeOffset.TryParseExact(trimmed, IsoForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var moment))
            {
                return false;
            }

            // With an offset the text names a moment anywhere; without one it reads like a
            // [datetime] typed on this machine.
            date = HasOffset(trimmed!) ? FromDateTimeOffset(moment) : FromDateTime(moment.DateTime);
            isMoment = !IsMidnight(moment.TimeOfDay);
            return true;
        }

        // The ISO forms put an offset only after the time: a 'Z', or a sign after the date part.
        private static bool HasOffset(string text) =>
            text.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || text.IndexOfAny(new[] { '+', '-' }, IsoForms[0].Length) >= 0;
    }
}

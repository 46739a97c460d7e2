using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// A validated acceptance contact: what goes into <c>cloud_agreement_contact</c>. Built only
    /// through <see cref="Create"/>, so an invalid contact never reaches a request.
    /// </summary>
    internal sealed class McaContact
    {
        private const int MaxNameLength = 100;
        private const int MaxEmailLength = 254;

        private static readonly Regex EmailPattern = new Regex(@"^[^@\s""(),:;<>\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant);

        // Digits with the usual separators and an optional leading '+': "+1234567", "+1 (425) 555-0100".
        private static readonly Regex PhonePattern = new Regex(@"^\+?[0-9 ().\-]{4,32}$", RegexOptions.CultureInvariant);

        private McaContact(string firstName, string lastName, string email, string phone, DateTime dateAgreed)
        {
            FirstName = firstName;
            LastName = lastName;
            Email = email;
            Phone = phone;
            DateAgreed = dateAgreed;
        }

        public string FirstName { get; }

        public string LastName { get; }

        public string Email { get; }

        public string Phone { get; }

        /// <summary>The calendar date of acceptance (time of day dropped).</summary>
        public DateTime DateAgreed { get; }

        public string DateAgreedText => DateAgreed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>
        /// Validates and trims a contact. <paramref name="dateAgreed"/> defaults to
        /// <paramref name="utcToday"/> and may not lie after it. Throws
        /// <see cref="ErrorIds.InvalidContact"/> listing every problem, with <paramref name="target"/>
        /// as the error's target. CloudBlue's contact needs a phone number (seed 001); Partner
        /// Center's does not (reference §5.2), so <paramref name="phoneRequired"/> false accepts
        /// an empty one, while a given one must still be plausible.
        /// </summary>
        public static McaContact Create(string? firstName, string? lastName, string? email, string? phone, DateTime? dateAgreed, DateTime utcToday, string target, bool phoneRequired = true)
        {
            var problems = new List<string>();
            var first = RequireName(firstName, "FirstName", problems);
            var last = RequireName(lastName, "LastName", problems);
            var mail = (email ?? string.Empty).Trim();
            if (mail.Length == 0 || mail.Length > MaxEmailLength || !EmailPattern.IsMatch(mail))
            {
                problems.Add($"Email '{email}' is not a valid e-mail address");
            }

            var phoneText = (phone ?? string.Empty).Trim();
            if ((phoneRequired || phoneText.Length > 0) && (!PhonePattern.IsMatch(phoneText) || phoneText.Count(char.IsDigit) < 4))
            {
                problems.Add($"PhoneNumber '{phone}' is not a plausible phone number (digits, spaces, '+', '-', '.', parentheses; at least 4 digits)");
            }

            var date = DateTime.SpecifyKind(CalendarDate(dateAgreed ?? utcToday), DateTimeKind.Utc);
            if (date > utcToday.Date)
            {
                problems.Add($"DateAgreed {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future (today is {utcToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} UTC)");
            }

            if (problems.Count > 0)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidContact,
                    ErrorKind.InvalidArgument,
                    $"The acceptance contact for '{target}' is not valid, so nothing was sent: {string.Join("; ", problems)}. Correct the row and run it again.",
                    target);
            }

            return new McaContact(first, last, mail, phoneText, date);
        }

        /// <summary>
        /// True when a recorded contact is this contact: same date, names and e-mail compared
        /// case-insensitively, phone numbers compared by their digits and '+'.
        /// </summary>
        /// <summary>
        /// True when both name the same contact as Partner Center tells attestations apart (first
        /// and last name, e-mail, phone; reference §5.2), whatever the dates.
        /// </summary>
        public bool HasSameDetails(string? firstName, string? lastName, string? email, string? phone) =>
            SameText(firstName, FirstName) && SameText(lastName, LastName) && SameText(email, Email) && PhoneKey(phone) == PhoneKey(Phone);

        public bool IsRecordedAs(CloudAgreementContact? recorded) =>
            recorded != null
            && recorded.DateAgreed == DateAgreed
            && HasSameDetails(recorded.FirstName, recorded.LastName, recorded.Email, recorded.Phone);

        // A local time (Get-Date) is a moment: east of UTC its local date can already be
        // tomorrow in UTC, so it is compared and sent as its UTC date. A date without a kind
        // (typed, or read from a CSV) is taken as the calendar date it names.
        private static DateTime CalendarDate(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Date;

        private static string RequireName(string? value, string parameter, List<string> problems)
        {
            var trimmed = (value ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                problems.Add($"{parameter} is empty");
            }
            else if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
            {
                problems.Add($"{parameter} must be at most {MaxNameLength} printable characters");
            }

            return trimmed;
        }

        private static bool SameText(string? a, string b) => string.Equals((a ?? string.Empty).Trim(), b, StringComparison.OrdinalIgnoreCase);

        private static string PhoneKey(string? phone) => new string((phone ?? string.Empty).Where(c => char.IsDigit(c) || c == '+').ToArray());
    }
}

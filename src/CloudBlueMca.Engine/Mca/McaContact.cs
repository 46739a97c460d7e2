using System;
using System.Collections.Generic;
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

        private McaContact(string firstName, string lastName, string email, string phone, AgreementDate? givenDate, AgreementDate dateAgreed)
        {
            FirstName = firstName;
            LastName = lastName;
            Email = email;
            Phone = phone;
            GivenDate = givenDate;
            DateAgreed = dateAgreed;
        }

        public string FirstName { get; }

        public string LastName { get; }

        public string Email { get; }

        public string Phone { get; }

        /// <summary>The date the user gave; null when none was given.</summary>
        public AgreementDate? GivenDate { get; }

        /// <summary>The date to send: the given one, else today's UTC date.</summary>
        public AgreementDate DateAgreed { get; }

        /// <summary>
        /// Validates and trims a contact. <paramref name="dateAgreed"/> is read by
        /// <see cref="AgreementDate.TryRead(object, DateTimeOffset, TimeZoneInfo, out AgreementDate, out string)"/>
        /// (ISO 8601 text or a date, never in the future) and defaults to today's UTC date at
        /// <paramref name="now"/>. Throws <see cref="ErrorIds.InvalidContact"/> listing every
        /// problem, with <paramref name="target"/> as the error's target.
        /// </summary>
        public static McaContact Create(string? firstName, string? lastName, string? email, string? phone, object? dateAgreed, DateTimeOffset now, TimeZoneInfo localZone, string target)
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
            if (!PhonePattern.IsMatch(phoneText) || phoneText.Count(char.IsDigit) < 4)
            {
                problems.Add($"PhoneNumber '{phone}' is not a plausible phone number (digits, spaces, '+', '-', '.', parentheses; at least 4 digits)");
            }

            AgreementDate? given = null;
            if (dateAgreed != null)
            {
                if (AgreementDate.TryRead(dateAgreed, now, localZone, out var date, out var problem))
                {
                    given = date;
                }
                else
                {
                    problems.Add($"DateAgreed {problem}");
                }
            }

            if (problems.Count > 0)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidContact,
                    ErrorKind.InvalidArgument,
                    $"The acceptance contact for '{target}' is not valid, so nothing was sent: {string.Join("; ", problems)}. Correct the row and run it again.",
                    target);
            }

            return new McaContact(first, last, mail, phoneText, given, given ?? AgreementDate.UtcToday(now));
        }

        /// <summary>
        /// True when a recorded contact is this contact: names and e-mail compared
        /// case-insensitively, phone numbers compared by their digits and '+', and the same date
        /// when one was given. Without a given date any recorded date matches, so a daily re-run
        /// of a list without dates finds its earlier confirmations instead of offering to
        /// overwrite a true date with today's; a record without a readable date never matches.
        /// </summary>
        public bool IsRecordedAs(CloudAgreementContact? recorded) =>
            recorded != null
            && AgreementDate.TryParse(recorded.DateAgreed, out var recordedDate)
            && (GivenDate == null || GivenDate == recordedDate)
            && SameText(recorded.FirstName, FirstName)
            && SameText(recorded.LastName, LastName)
            && SameText(recorded.Email, Email)
            && PhoneKey(recorded.Phone) == PhoneKey(Phone);

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

// A PowerShell host for tests: it answers prompts from a script of answers and records what the
// pipeline showed the user, so ShouldProcess prompts can be answered the way a user at a console
// answers them. Compiled by TestSession.psm1 with Add-Type; C# rather than a PowerShell class,
// because a class's methods would run in the runspace that defined it, which is busy waiting
// for the pipeline that calls them.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CloudBlueMcaTests
{
    public sealed class ScriptedHost : PSHost
    {
        private readonly ScriptedHostUserInterface _ui;
        private readonly Guid _instanceId = Guid.NewGuid();

        public ScriptedHost(IEnumerable<string> answers)
        {
            _ui = new ScriptedHostUserInterface(answers);
        }

        public ScriptedHostUserInterface ScriptedUI { get { return _ui; } }

        public override PSHostUserInterface UI { get { return _ui; } }

        public override string Name { get { return "CloudBlueMca scripted test host"; } }

        public override Version Version { get { return new Version(1, 0); } }

        public override Guid InstanceId { get { return _instanceId; } }

        public override CultureInfo CurrentCulture { get { return CultureInfo.CurrentCulture; } }

        public override CultureInfo CurrentUICulture { get { return CultureInfo.CurrentUICulture; } }

        public override void EnterNestedPrompt() { throw new NotSupportedException("The test host has no nested prompt."); }

        public override void ExitNestedPrompt() { throw new NotSupportedException("The test host has no nested prompt."); }

        public override void NotifyBeginApplication() { }

        public override void NotifyEndApplication() { }

        public override void SetShouldExit(int exitCode) { }
    }

    /// <summary>One prompt the pipeline showed: its caption, message and the labels of its choices.</summary>
    public sealed class ShownPrompt
    {
        public ShownPrompt(string caption, string message, string[] choices, string answer)
        {
            Caption = caption;
            Message = message;
            Choices = choices;
            Answer = answer;
        }

        public string Caption { get; private set; }

        public string Message { get; private set; }

        public string[] Choices { get; private set; }

        public string Answer { get; private set; }
    }

    public sealed class ScriptedHostUserInterface : PSHostUserInterface
    {
        private readonly Queue<string> _answers;
        private readonly List<ShownPrompt> _prompts = new List<ShownPrompt>();
        private readonly StringBuilder _written = new StringBuilder();
        private readonly object _gate = new object();

        public ScriptedHostUserInterface(IEnumerable<string> answers)
        {
            _answers = new Queue<string>(answers);
        }

        /// <summary>The prompts shown, in order.</summary>
        public ShownPrompt[] Prompts { get { lock (_gate) { return _prompts.ToArray(); } } }

        /// <summary>Everything written to the host (What if: lines, Write-Host, prompts' text).</summary>
        public string Written { get { lock (_gate) { return _written.ToString(); } } }

        public override PSHostRawUserInterface RawUI { get { return null; } }

        /// <summary>
        /// Answers with the next scripted answer, matched to a choice label without its '&amp;'
        /// ("Yes", "Yes to All", "No", "No to All"). With no answer left the prompt fails, as it
        /// does in a host that cannot ask anyone, so an unexpected prompt is a visible error.
        /// </summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            var labels = new string[choices.Count];
            for (var i = 0; i < choices.Count; i++)
            {
                labels[i] = choices[i].Label.Replace("&", string.Empty);
            }

            lock (_gate)
            {
                if (_answers.Count == 0)
                {
                    _prompts.Add(new ShownPrompt(caption, message, labels, null));
                    throw new PSInvalidOperationException("The test host was asked '" + message + "' but has no answer left.");
                }

                var answer = _answers.Dequeue();
                _prompts.Add(new ShownPrompt(caption, message, labels, answer));
                var index = Array.FindIndex(labels, label => string.Equals(label, answer, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new PSArgumentException("The scripted answer '" + answer + "' is none of the choices: " + string.Join(", ", labels));
                }

                return index;
            }
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            throw new PSInvalidOperationException("The test host was asked for input: " + message);
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        {
            throw new PSInvalidOperationException("The test host was asked for a credential: " + message);
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            throw new PSInvalidOperationException("The test host was asked for a credential: " + message);
        }

        public override string ReadLine() { throw new PSInvalidOperationException("The test host cannot read a line."); }

        public override SecureString ReadLineAsSecureString() { throw new PSInvalidOperationException("The test host cannot read a line."); }

        public override void Write(string value) { Append(value); }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Append(value); }

        public override void WriteLine(string value) { Append(value + "\n"); }

        public override void WriteErrorLine(string value) { Append(value + "\n"); }

        public override void WriteDebugLine(string message) { Append("DEBUG: " + message + "\n"); }

        public override void WriteVerboseLine(string message) { Append("VERBOSE: " + message + "\n"); }

        public override void WriteWarningLine(string message) { Append("WARNING: " + message + "\n"); }

        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        private void Append(string text)
        {
            lock (_gate)
            {
                _written.Append(text);
            }
        }
    }
}

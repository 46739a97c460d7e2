using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Benchmarks;

/// <summary>
/// (B) Exactly what <c>Import-Csv contacts.csv | Confirm-McaAcceptance</c> does with default
/// settings: rows streamed through a <see cref="BulkRun{TRow}"/>, every plan approved (no
/// -WhatIf), updates at the default throttle limit, rows taken in input order.
/// </summary>
internal static class EnginePath
{
    public sealed record Totals(int Confirmed, int Errors);

    /// <param name="afterRows">Called every 1,000 written rows with the count so far.</param>
    public static async Task<Totals> RunAsync(CloudBlueConnection connection, IEnumerable<GeneratedAccount> accounts, OperationContext context, Action<int> afterRows)
    {
        var workflow = new McaConfirmationWorkflow(connection, force: false, McaConfirmationWorkflow.DefaultThrottleLimit);
        var changed = new SemaphoreSlim(0);
        using var run = new BulkRun<ConfirmationRow>(workflow, workflow.ThrottleLimit, context, () => changed.Release());
        int confirmed = 0, errors = 0, written = 0;

        async Task PumpAsync(Func<bool> done)
        {
            while (true)
            {
                while (run.TakeNext() is BulkStep<ConfirmationRow> step)
                {
                    if (step.NeedsApproval)
                    {
                        run.Approve(step.Row, true);
                        continue;
                    }

                    confirmed += step.Row.Confirmation?.Result == ConfirmationResult.Confirmed ? 1 : 0;
                    errors += step.Row.Error != null ? 1 : 0;
                    if (++written % 1000 == 0)
                    {
                        afterRows(written);
                    }
                }

                if (done())
                {
                    return;
                }

                await changed.WaitAsync(250);
            }
        }

        var number = 0;
        foreach (var account in accounts)
        {
            run.Add(new ConfirmationRow(++number, CsvRow(account)));
            await PumpAsync(() => run.HasRoom);
        }

        run.Complete();
        await PumpAsync(() => run.IsFinished);
        return new Totals(confirmed, errors);
    }

    // The columns of contacts.csv: InitialSubdomain,FirstName,LastName,Email,PhoneNumber.
    private static ConfirmationRequest CsvRow(GeneratedAccount account) => new()
    {
        InitialSubdomain = account.InitialSubdomain,
        FirstName = "John",
        LastName = "Smith",
        Email = $"admin@{account.InitialSubdomain}.example.com",
        PhoneNumber = "+1234567",
    };
}

using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Benchmarks;

/// <summary>
/// (B) Exactly what <c>Import-Csv contacts.csv | Confirm-McaAcceptance</c> does with default
/// settings: rows gathered into batches of <see cref="McaConfirmationWorkflow.BatchSize"/>,
/// planned, every plan approved (no -WhatIf), executed at the default throttle limit.
/// </summary>
internal static class EnginePath
{
    public sealed record Totals(int Confirmed, int Errors);

    /// <param name="afterBatch">Called between batches, when no request is in flight.</param>
    public static async Task<Totals> RunAsync(CloudBlueConnection connection, IEnumerable<GeneratedAccount> accounts, OperationContext context, Action<int> afterBatch)
    {
        var workflow = new McaConfirmationWorkflow(connection, force: false, McaConfirmationWorkflow.DefaultThrottleLimit);
        int confirmed = 0, errors = 0, rows = 0;
        foreach (var chunk in accounts.Select(CsvRow).Chunk(McaConfirmationWorkflow.BatchSize))
        {
            var batch = workflow.CreateBatch(chunk);
            while (batch.HasPending)
            {
                var plans = await batch.PlanAsync(context);
                await batch.ExecuteAsync(plans, context);
            }

            foreach (var outcome in batch.Outcomes)
            {
                confirmed += outcome.Confirmation?.Result == ConfirmationResult.Confirmed ? 1 : 0;
                errors += outcome.Error != null ? 1 : 0;
            }

            rows += chunk.Length;
            afterBatch(rows);
        }

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

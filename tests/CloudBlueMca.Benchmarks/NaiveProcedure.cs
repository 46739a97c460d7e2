using System.Globalization;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps.Rql;

namespace CloudBlueMca.Benchmarks;

/// <summary>
/// (A) What a user would script from seeds 000 and 001: per account, one after the other,
/// look up by subdomain, checkAccount, list the Tenants by ms_account_id, PUT. It uses the same
/// signed, retrying client as the module, so only the procedure differs.
/// </summary>
internal static class NaiveProcedure
{
    public static async Task<int> RunAsync(CloudBlueConnection connection, IReadOnlyList<GeneratedAccount> accounts, OperationContext context)
    {
        var client = connection.Client;
        var applicationInstanceId = connection.RequireApplicationInstanceId();
        var confirmed = 0;
        foreach (var account in accounts)
        {
            var bySubdomain = await client.ListAsync(new RqlQuery(Rql.Implementing(connection.TenantTypeId), Rql.Eq("initial_subdomain", account.InitialSubdomain)), context);
            var msAccountId = (string)bySubdomain[0]["ms_account_id"]!;

            var check = await client.GetCustomOperationAsync(
                applicationInstanceId,
                "checkAccount",
                [new("accountId", account.AccountId.ToString(CultureInfo.InvariantCulture)), new("planId", "0")],
                context);
            var tenant = check!["tenants"]!.AsArray().First(t => ((string)t!["domain"]!).StartsWith(account.InitialSubdomain + ".", StringComparison.Ordinal))!;
            if (!(bool)tenant["is_acceptance_of_microsoft_cloud_agreement_required"]!)
            {
                continue;
            }

            var tenants = await client.ListAsync(new RqlQuery(Rql.Implementing(connection.TenantTypeId), Rql.Eq("ms_account_id", msAccountId)), context);
            var body = new JsonObject
            {
                ["cloud_agreement_contact"] = new JsonObject
                {
                    ["email"] = $"admin@{account.InitialSubdomain}.example.com",
                    ["first_name"] = "John",
                    ["last_name"] = "Smith",
                    ["phone"] = "+1234567",
                    ["date_agreed"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
            await client.PutResourceAsync((string)tenants[0]["aps"]!["id"]!, body, context);
            confirmed++;
        }

        return confirmed;
    }
}

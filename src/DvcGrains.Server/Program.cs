using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Durability;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Hosting;

if (Usage.IsAsked(args))
{
    await Console.Out.WriteAsync(Usage.Text);
    return Usage.Shown;
}
if (args is [MigrateCommand.Name, .. var migrateArgs])
{
    return await MigrateCommand.RunAsync(migrateArgs, Console.Out, Console.Error);
}
if (args is [VerifyKpisCommand.Name, .. var verifyArgs])
{
    return await VerifyKpisCommand.RunAsync(verifyArgs, Console.Out, Console.Error);
}
if (args is [ReformCommand.Name, .. var reformArgs])
{
    return await ReformCommand.RunAsync(reformArgs, Console.Out, Console.Error);
}
if (args is [ExplainListsCommand.Name, .. var explainArgs])
{
    return await ExplainListsCommand.RunAsync(explainArgs, Console.Out, Console.Error);
}
if (Usage.Unknown(args) is { } unknown)
{
    await Console.Error.WriteAsync($"DvcGrains.Server: '{unknown}' is no command of the server.\n\n{Usage.Text}");
    return Usage.UnknownCommand;
}

WebApplication app;
try
{
    app = DvcServer.Build(args);
}
catch (Exception e) when (StartupOptions.Refusal(e) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}
ShutdownDeadline.ArmProcessExit(app);
if (PostgresDatabase.ConnectionString(app.Configuration) is { } postgres)
{
    app.Logger.LogInformation("DvcGrains keeps dossiers, grain state and cluster membership in PostgreSQL database {Database}", PostgresDatabase.Describe(postgres));
}
else
{
    app.Logger.LogWarning(
        "DvcGrains runs on the embedded default: in-memory storage and localhost clustering. " +
        "Nothing survives a restart: every dossier, code and counter is lost when this process stops.");
}
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is MigrationException or TransactionPoolerException or DurabilitySettingsException)
{
    app.Logger.LogCritical("{Reason}", e.Message);
    return 1;
}
catch (Exception e) when (StartupOptions.Refusal(e) is { } refusal)
{
    app.Logger.LogCritical("{Refusal}", refusal);
    return 1;
}

using DvcGrains.Server.Hosting;

var app = DvcServer.Build(args);
app.Logger.LogWarning(
    "DvcGrains runs on the embedded default: in-memory grain storage and localhost clustering. " +
    "Nothing survives a restart: every dossier, code and counter is lost when this process stops.");
await app.RunAsync();

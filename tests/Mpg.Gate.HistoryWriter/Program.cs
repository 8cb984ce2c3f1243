using System.Globalization;
using Mpg.Gate.History;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

// A writer process for the history's concurrency and kill tests (each store opened as a new process would).
//   Mpg.Gate.HistoryWriter write STORE SCORECARD WRITER COUNT   COUNT records, commits WRITER-0 … WRITER-(COUNT-1)
//   Mpg.Gate.HistoryWriter hang STORE SCORECARD MARKER          one record; with its row written but not committed,
//                                                               creates MARKER and waits to be killed
var (mode, location, card) = (args[0], args[1], ScorecardFile.Read(args[2]));
IHistoryStore Open() => HistoryLocation.Open(location, Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable);
NewHistoryRecord Record(string commit) => new("chat", "main", commit, null, DateTimeOffset.UnixEpoch, null, "test", card);

if (mode == "write")
{
    for (var i = 0; i < int.Parse(args[4], CultureInfo.InvariantCulture); i++)
    {
        using var store = Open();
        store.Add(Record($"{args[3]}-{i.ToString(CultureInfo.InvariantCulture)}"));
    }

    return 0;
}

var hanging = (SqlHistoryStore)Open();
hanging.BeforeCommit = () =>
{
    File.WriteAllText(args[3], "row written, not committed");
    Thread.Sleep(Timeout.Infinite);
};
hanging.Add(Record("killed-writer"));
return 1;

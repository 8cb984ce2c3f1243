using System.CommandLine;
using Mpg.Gate.Cli.Commands;
using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Cli;

/// <summary>The <c>mpg</c> command line: parses, runs one command, and turns every error into one line and an exit code.</summary>
public static class MpgApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null, MpgHost? host = null)
    {
        var output = new WorkflowCommandGuard(stdout);
        var error = new WorkflowCommandGuard(stderr);
        try
        {
            return Run(args, new CommandContext(output, error, workingDirectory ?? Directory.GetCurrentDirectory()) { Host = host ?? MpgHost.Process, Commands = stdout });
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }

    private static int Run(string[] args, CommandContext context)
    {
        var stderr = context.Error;
        var common = new CommonOptions();
        var root = new RootCommand("mpg: Goodness and Fastness of an LLM feature from its eval outputs, gated against a baseline.")
        {
            InitCommand.Create(common, context),
            ValidateCommand.Create(common, context),
            ScoreCommand.Create(common, context),
            GateCommand.Create(common, context),
            CommentCommand.Create(common, context),
            PlanCommand.Create(common, context),
            ExplainCommand.Create(common, context),
            RankCommand.Create(common, context),
            HistoryCommand.Create(common, context),
            SiteCommand.Create(common, context),
        };
        root.Options.Add(common.Threads);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"mpg: {error.Message}");
            }

            stderr.WriteLine("Run 'mpg --help' for usage.");
            return ExitCodes.PolicyError;
        }

        try
        {
            using var threads = Parallelism.LimitTo(Threads(parse.GetValue(common.Threads), context.Host));
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (PolicyException e)
        {
            stderr.WriteLine(Diagnostics.Of(e));
            return ExitCodes.PolicyError;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"mpg: {e.Message}");
            return ExitCodes.PolicyError;
        }
        catch (InputException e)
        {
            stderr.WriteLine(Diagnostics.Of(e));
            return ExitCodes.InputError;
        }
        catch (HistoryException e)
        {
            stderr.WriteLine(Diagnostics.Of(e));
            return e.Fault == HistoryFault.Corrupt ? ExitCodes.InputError : ExitCodes.ServiceError;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is reported in one line, never as a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A wrapper (a type initializer's, a reflection call's) says nothing; the innermost cause goes into the report.
            var cause = e;
            while (cause.InnerException is { } inner)
            {
                cause = inner;
            }

            var what = cause == e ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name} from {cause.GetType().Name}: {cause.Message}";
            stderr.WriteLine($"mpg: error {Diagnostics.InternalCode}: internal error ({what}). This is a bug in mpg; please report it with the command you ran.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The cores the engine may use: <c>--threads</c>, else <c>MPG_THREADS</c>, else all of them.</summary>
    private static int Threads(int? option, MpgHost host)
    {
        if (option is { } n)
        {
            return n >= 1 ? n : throw new UsageException($"--threads {n}: expected a whole number of cores, at least 1");
        }

        if (host.Environment("MPG_THREADS") is not { Length: > 0 } text)
        {
            return Environment.ProcessorCount;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new UsageException($"MPG_THREADS='{text}': expected a whole number of cores, at least 1");
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Mpg.Gate.Comparison;
using Mpg.Gate.GitHub;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;
using Mpg.Gate.Review;
using Mpg.Gate.Review.AzureDevOps;
using Mpg.Gate.Review.Ci;
using Mpg.Gate.Review.GitLab;

namespace Mpg.Gate.Cli;

/// <summary>
/// A gate's outputs for its CI, on two axes: where it runs (GitHub Actions: job summary, step outputs,
/// annotations; Azure Pipelines: logging commands) and where its review lives (the sticky report on GitHub,
/// GitLab or Azure DevOps, and a GitHub check run). A report that cannot be posted is a warning; the exit
/// code stays the verdict's unless the policy says <c>github.required: true</c> (then 4).
/// </summary>
internal static class CiPublishing
{
    public static void LogReport(CommandContext context, ICiEnvironment ci, Verdict verdict, IReadOnlyList<Diagnostic> findings, string markdown)
    {
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        var outputs = new KeyValuePair<string, string>[]
        {
            new("verdict", Spelling.Of(verdict.Result)),
            new("goodness", Number(root?.CandidateMean)),
            new("fastness", Number(verdict.Fastness.Candidate)),
        };
        if (ci.Platform == CiPlatform.GitHub)
        {
            var env = context.Host.Environment;
            ActionsWorkflow.AppendSummary(env, markdown);
            ActionsWorkflow.WriteOutputs(env, outputs);
        }
        else if (ci.Platform == CiPlatform.Azure)
        {
            var summary = SummaryFile(context, verdict.Name);
            OutputFiles.Write(summary, context.WorkingDirectory, () => markdown);
            Command(context).WriteLine(PipelineCommands.UploadSummary(summary));
            foreach (var (name, value) in outputs)
            {
                Command(context).WriteLine(PipelineCommands.SetVariable("mpg." + name, value, isOutput: true));
            }
        }

        foreach (var finding in findings)
        {
            if (LogCommand(context, ci, finding) is { } line)
            {
                Command(context).WriteLine(line);
            }
        }
    }

    /// <summary>Posts the sticky report where the review lives; returns the exit code to use instead of the verdict's, or null to keep it.</summary>
    public static int? Review(CommandContext context, ICiEnvironment ci, GitHubSpec spec, ReviewOptions options, string gateName, string markdown, bool gateFailed)
    {
        var settings = Settings(context, spec.Comment);
        var env = context.Host.Environment;
        var result = spec.Comment == CommentMode.Never ? PublishResult.Skipped("github.comment is 'never'")
            : ci.ReadOnlyBecause is { } why ? PublishResult.Skipped(why)
            : ci.ReviewHost switch
            {
                ReviewHostKind.GitLab => GitLab(options, env, gateName, markdown, gateFailed, settings, ci.RunUrl),
                ReviewHostKind.AzureDevOps => Azure(options, env, gateName, markdown, gateFailed, settings, ci.RunUrl),
                _ => PullRequestComment.PublishAsync(GitHubTarget(ci, options), env, gateName, markdown, gateFailed, settings, fullReport: ci.RunUrl).GetAwaiter().GetResult(),
            };
        return Outcome(context, ci, spec, result);
    }

    /// <summary>The GitHub check run on the head commit (<c>--check</c>, <c>github.check</c>); a fork's run skips it with one line.</summary>
    public static int? Check(CommandContext context, ICiEnvironment ci, GitHubSpec spec, ReviewOptions options, Verdict verdict, IReadOnlyList<Diagnostic> findings, string markdown)
    {
        PublishResult result;
        if (ci.ReadOnlyBecause is { } why)
        {
            result = PublishResult.Skipped(why, "check run");
        }
        else if (ci.ReviewHost != ReviewHostKind.GitHub)
        {
            result = PublishResult.Skipped($"the review lives on {Spelling.Of(ci.ReviewHost ?? ReviewHostKind.GitHub)}, not GitHub", "check run");
        }
        else if (ci.Commit is not { } commit)
        {
            result = PublishResult.CannotPost("no commit for the check run: GITHUB_SHA is not set");
        }
        else
        {
            var resolved = TargetResolver.Repository(GitHubTarget(ci, options), context.Host.Environment);
            if (resolved.Target is not { } target || resolved.Token is not { } token)
            {
                result = PublishResult.CannotPost(resolved.Problem!);
            }
            else
            {
                var annotations = findings
                    .Select(f => new CheckFinding(f.File is null ? "mpg.yml" : Relative(context, ci, f.File), f.Line, f.Severity == Severity.Error, f.Subject is null ? f.Code : $"{f.Code} {f.Subject}", f.Message))
                    .ToList();
                result = CheckRun.PublishAsync(target, token, commit, verdict.Name, verdict.Result, markdown, annotations, Settings(context, CommentMode.Always)).GetAwaiter().GetResult();
            }
        }

        return Outcome(context, ci, spec, result);
    }

    private static int? Outcome(CommandContext context, ICiEnvironment ci, GitHubSpec spec, PublishResult result)
    {
        if (!result.Failed)
        {
            context.Error.WriteLine($"mpg: {result.Message}");
            return null;
        }

        var finding = spec.Required
            ? new Diagnostic(Severity.Error, DiagnosticCode.Service, null, 0, 0, $"{result.Message} (github.required is true)")
            : new Diagnostic(Severity.Warning, DiagnosticCode.Service, null, 0, 0, result.Message);
        context.Error.WriteLine(finding.ToCanonical());

        // The log command says what went wrong; the line above also says why it is an error.
        if (LogCommand(context, ci, finding with { Message = result.Message }) is { } line)
        {
            Command(context).WriteLine(line);
        }

        return spec.Required ? ExitCodes.ServiceError : null;
    }

    private static PublishResult GitLab(ReviewOptions options, Func<string, string?> env, string gateName, string markdown, bool gateFailed, PublishSettings settings, string? runUrl)
    {
        var resolved = GitLabTarget.Resolve(options, env);
        if (resolved.Target is not { } target || resolved.Token is not { } token)
        {
            return resolved.NotApplicable ? PublishResult.Skipped(resolved.Problem!) : PublishResult.CannotPost(resolved.Problem!);
        }

        try
        {
            using var notes = new GitLabNotes(target, token, settings.Timeout);
            return StickyReport.TryPublishAsync(notes, token, gateName, markdown, gateFailed, settings, runUrl).GetAwaiter().GetResult();
        }
        catch (CryptographicException e)
        {
            return PublishResult.CannotPost($"cannot read the certificate authorities in CI_SERVER_TLS_CA_FILE {target.CaFile}: {e.Message}");
        }
    }

    private static PublishResult Azure(ReviewOptions options, Func<string, string?> env, string gateName, string markdown, bool gateFailed, PublishSettings settings, string? runUrl)
    {
        var resolved = AzureTarget.Resolve(options, env);
        if (resolved.Target is not { } target || resolved.Token is not { } token)
        {
            return resolved.NotApplicable ? PublishResult.Skipped(resolved.Problem!) : PublishResult.CannotPost(resolved.Problem!);
        }

        using var threads = new AzureThreads(target, token, settings.Timeout);
        return StickyReport.TryPublishAsync(threads, token, gateName, markdown, gateFailed, settings, runUrl).GetAwaiter().GetResult();
    }

    /// <summary>The GitHub target: the options, over what the CI knows (Azure Pipelines building a GitHub repository), over the Actions environment.</summary>
    private static TargetOptions GitHubTarget(ICiEnvironment ci, ReviewOptions options) =>
        new(options.Project ?? ci.ReviewDefaults.Project, options.Request ?? ci.ReviewDefaults.Request, options.ApiUrl, options.TokenVariable);

    private static PublishSettings Settings(CommandContext context, CommentMode mode) =>
        new(mode, RetryPolicy.Default with { Delay = context.Host.Delay }, PublishSettings.DefaultTimeout);

    /// <summary>One finding in the CI's own log syntax (an Actions annotation, an Azure Pipelines issue), or null where the CI has none.</summary>
    private static string? LogCommand(CommandContext context, ICiEnvironment ci, Diagnostic finding)
    {
        var file = finding.File is null ? null : Relative(context, ci, finding.File);
        var title = finding.Subject is null ? finding.Code : $"{finding.Code} {finding.Subject}";
        return ci.Platform switch
        {
            CiPlatform.GitHub => ActionsWorkflow.Annotation(finding.Severity == Severity.Error ? "error" : "warning", file, finding.Line, finding.Column, title, finding.Message),
            CiPlatform.Azure => PipelineCommands.LogIssue(finding.Severity == Severity.Error, file, finding.Line, finding.Column, finding.Code, finding.Message),
            _ => null,
        };
    }

    /// <summary>Files relative to the checkout (GITHUB_WORKSPACE, CI_PROJECT_DIR, BUILD_SOURCESDIRECTORY), as the CI's annotations and GitLab's widgets name them.</summary>
    public static string Relative(CommandContext context, ICiEnvironment ci, string file)
    {
        var variable = ci.Platform switch
        {
            CiPlatform.GitHub => "GITHUB_WORKSPACE",
            CiPlatform.GitLab => "CI_PROJECT_DIR",
            CiPlatform.Azure => "BUILD_SOURCESDIRECTORY",
            _ => null,
        };
        var root = variable is not null && context.Host.Environment(variable) is { Length: > 0 } checkout ? checkout : context.WorkingDirectory;
        var full = Path.GetFullPath(file, context.WorkingDirectory);
        var relative = Path.GetRelativePath(root, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }

    /// <summary>Where Azure Pipelines' summary file goes: the agent's temporary folder, named after the gate.</summary>
    private static string SummaryFile(CommandContext context, string gateName)
    {
        var folder = context.Host.Environment("AGENT_TEMPDIRECTORY") is { Length: > 0 } temp ? temp : Path.GetTempPath();
        var safe = string.Concat(gateName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(folder, $"mpg-{safe}.md");
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Where our own CI commands go: past the guards that defuse commands in text from the inputs, after what was printed.</summary>
    private static TextWriter Command(CommandContext context)
    {
        context.Out.Flush();
        return context.Commands;
    }
}

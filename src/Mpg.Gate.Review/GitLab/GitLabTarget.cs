using System.Globalization;

namespace Mpg.Gate.Review.GitLab;

/// <summary>A merge request, through a GitLab API (gitlab.com or self-managed).</summary>
/// <param name="Project">The merge request's target project: an id, or a path such as group/app.</param>
/// <param name="CaFile">Extra certificate authorities for a self-managed server (CI_SERVER_TLS_CA_FILE).</param>
public sealed record GitLabTarget(Uri ApiUrl, string Project, int MergeRequest, string? CaFile)
{
    public const string DefaultTokenVariable = "GITLAB_TOKEN";

    public override string ToString() => $"{Project}!{MergeRequest.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// From GitLab CI's predefined variables (<c>CI_API_V4_URL</c>, <c>CI_MERGE_REQUEST_PROJECT_ID</c>,
    /// <c>CI_MERGE_REQUEST_IID</c>) under the options. Never <c>CI_PROJECT_ID</c>: in a merge request from a
    /// fork it is the fork, where the merge request does not live.
    /// </summary>
    public static ResolvedReview<GitLabTarget> Resolve(ReviewOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (api, problem) = Env.Address(options.ApiUrl, environment, "CI_API_V4_URL", "no GitLab API address: set CI_API_V4_URL (GitLab CI does) or pass --api-url https://HOST/api/v4", "GitLab API address");
        if (api is null)
        {
            return ResolvedReview.Failed<GitLabTarget>(problem!);
        }

        var number = RequestNumber.Resolve(options.Request, environment, "CI_MERGE_REQUEST_IID", "merge request", "no merge request: CI_MERGE_REQUEST_IID is not set (run the job in a merge request pipeline: rules: - if: $CI_PIPELINE_SOURCE == \"merge_request_event\")");
        if (number.Problem is not null)
        {
            return ResolvedReview.From<GitLabTarget>(number);
        }

        var project = Env.Blank(options.Project) ?? Env.Value(environment, "CI_MERGE_REQUEST_PROJECT_ID");
        if (project is null)
        {
            return ResolvedReview.Failed<GitLabTarget>("no merge request project: CI_MERGE_REQUEST_PROJECT_ID is not set; pass --repo PROJECT_ID");
        }

        var variable = Env.Blank(options.TokenVariable) ?? DefaultTokenVariable;
        var token = Env.Value(environment, variable);
        var source = Env.Value(environment, "CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
        var fork = source is not null && !string.Equals(source, Env.Value(environment, "CI_MERGE_REQUEST_PROJECT_ID"), StringComparison.Ordinal);
        if (token is null)
        {
            if (fork)
            {
                return ResolvedReview.Skipped<GitLabTarget>($"a merge request from a fork (project {source}) runs without the target project's {variable}; the note is not posted");
            }

            return ResolvedReview.Failed<GitLabTarget>(Env.Value(environment, "CI_JOB_TOKEN") is not null
                ? $"no token: {variable} is empty, and CI_JOB_TOKEN cannot write merge request notes; add a project access token (scope api, role Reporter) as the CI/CD variable {variable}"
                : $"no token: the environment variable {variable} is empty (a project access token with scope api, as a masked CI/CD variable)");
        }

        var caFile = Env.Value(environment, "CI_SERVER_TLS_CA_FILE");
        if (caFile is not null && !File.Exists(caFile))
        {
            return ResolvedReview.Failed<GitLabTarget>($"CI_SERVER_TLS_CA_FILE names '{caFile}', which does not exist");
        }

        return new ResolvedReview<GitLabTarget>(new GitLabTarget(api, project, number.Value, caFile), token, null, false);
    }
}

using System.Globalization;

namespace Mpg.Gate.Review.AzureDevOps;

/// <summary>A pull request of an Azure Repos Git repository.</summary>
/// <param name="Collection">The organization's address (SYSTEM_COLLECTIONURI: https://dev.azure.com/ORG/).</param>
public sealed record AzureTarget(Uri Collection, string Project, string Repository, int PullRequest, string ApiVersion)
{
    public const string DefaultTokenVariable = "SYSTEM_ACCESSTOKEN";

    public const string DefaultApiVersion = "7.1";

    public override string ToString() => $"{Project}/{Repository} PR {PullRequest.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// From Azure Pipelines' variables (<c>SYSTEM_COLLECTIONURI</c>, <c>SYSTEM_TEAMPROJECT</c>,
    /// <c>BUILD_REPOSITORY_ID</c>, <c>SYSTEM_PULLREQUEST_PULLREQUESTID</c>) under the options; the token is
    /// <c>SYSTEM_ACCESSTOKEN</c>, which a pipeline passes only when its YAML maps it.
    /// </summary>
    public static ResolvedReview<AzureTarget> Resolve(ReviewOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (collection, problem) = Env.Address(options.ApiUrl, environment, "SYSTEM_COLLECTIONURI", "no Azure DevOps organization: set SYSTEM_COLLECTIONURI (Azure Pipelines does) or pass --api-url https://dev.azure.com/ORG/", "SYSTEM_COLLECTIONURI");
        if (collection is null)
        {
            return ResolvedReview.Failed<AzureTarget>(problem!);
        }

        var number = RequestNumber.Resolve(options.Request, environment, "SYSTEM_PULLREQUEST_PULLREQUESTID", "pull request", "no pull request: SYSTEM_PULLREQUEST_PULLREQUESTID is not set (this build was not started by a pull request's build validation)");
        if (number.Problem is not null)
        {
            return ResolvedReview.From<AzureTarget>(number);
        }

        var project = Env.Value(environment, "SYSTEM_TEAMPROJECT");
        var repository = Env.Blank(options.Project) ?? Env.Value(environment, "BUILD_REPOSITORY_ID");
        if (project is null || repository is null)
        {
            return ResolvedReview.Failed<AzureTarget>("no repository: SYSTEM_TEAMPROJECT and BUILD_REPOSITORY_ID must be set (Azure Pipelines sets them)");
        }

        var variable = Env.Blank(options.TokenVariable) ?? DefaultTokenVariable;
        if (Env.Value(environment, variable) is not { } token)
        {
            return ResolvedReview.Failed<AzureTarget>($"no token: the environment variable {variable} is empty (map it in the step: env: {{ {variable}: $(System.AccessToken) }})");
        }

        var version = Env.Blank(options.ApiVersion) ?? DefaultApiVersion;
        return new ResolvedReview<AzureTarget>(new AzureTarget(collection, project, repository, number.Value, version), token, null, false);
    }
}

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
        var collectionText = Env.Blank(options.ApiUrl) ?? Env.Value(environment, "SYSTEM_COLLECTIONURI");
        if (collectionText is null)
        {
            return ResolvedReview.Failed<AzureTarget>("no Azure DevOps organization: set SYSTEM_COLLECTIONURI (Azure Pipelines does) or pass --api-url https://dev.azure.com/ORG/");
        }

        if (!Uri.TryCreate(collectionText.EndsWith('/') ? collectionText : collectionText + "/", UriKind.Absolute, out var collection) || collection.Scheme is not ("http" or "https"))
        {
            return ResolvedReview.Failed<AzureTarget>($"SYSTEM_COLLECTIONURI '{collectionText}' is not an http(s) address");
        }

        int id;
        if (options.Request is { } given)
        {
            id = given;
        }
        else if (Env.Value(environment, "SYSTEM_PULLREQUEST_PULLREQUESTID") is not { } text)
        {
            return ResolvedReview.Skipped<AzureTarget>("no pull request: SYSTEM_PULLREQUEST_PULLREQUESTID is not set (this build was not started by a pull request's build validation)");
        }
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return ResolvedReview.Failed<AzureTarget>($"SYSTEM_PULLREQUEST_PULLREQUESTID '{text}' is not a number");
        }

        if (id <= 0)
        {
            return ResolvedReview.Failed<AzureTarget>($"pull request number {id.ToString(CultureInfo.InvariantCulture)} is not positive");
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
        return new ResolvedReview<AzureTarget>(new AzureTarget(collection, project, repository, id, version), token, null, false);
    }
}

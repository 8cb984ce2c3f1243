using Mpg.Gate.Review.Ci;

namespace Mpg.Gate.Review.Tests;

/// <summary>Where it runs, from the CI's own variables or <c>--ci</c>; where the review lives, separately.</summary>
public sealed class CiDetection
{
    private static ICiEnvironment Detect(Dictionary<string, string> env, CiPlatform? forced = null) => CiEnvironments.Detect(name => env.GetValueOrDefault(name), forced);

    [Theory]
    [InlineData("GITHUB_ACTIONS", "true", CiPlatform.GitHub, ReviewHostKind.GitHub)]
    [InlineData("GITLAB_CI", "true", CiPlatform.GitLab, ReviewHostKind.GitLab)]
    [InlineData("TF_BUILD", "True", CiPlatform.Azure, ReviewHostKind.AzureDevOps)]
    public void CiVariable_NamesThePlatformAndItsHost(string variable, string value, CiPlatform platform, ReviewHostKind host)
    {
        var ci = Detect(new() { [variable] = value });

        Assert.Equal(platform, ci.Platform);
        Assert.Equal(host, ci.ReviewHost);
    }

    [Fact]
    public void NoCiVariable_IsLocal_AndCiOptionOverrides()
    {
        Assert.Equal(CiPlatform.None, Detect([]).Platform);
        Assert.Equal(CiPlatform.None, Detect(new() { ["GITHUB_ACTIONS"] = "true" }, CiPlatform.None).Platform);
        Assert.Equal(CiPlatform.GitLab, Detect(new() { ["GITHUB_ACTIONS"] = "true" }, CiPlatform.GitLab).Platform);
    }

    [Fact]
    public void AzurePipelinesBuildingAGitHubRepository_ReviewsOnGitHub()
    {
        var ci = Detect(new()
        {
            ["TF_BUILD"] = "True",
            ["BUILD_REPOSITORY_PROVIDER"] = "GitHub",
            ["BUILD_REPOSITORY_NAME"] = "octo/evals",
            ["SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"] = "12",
            ["SYSTEM_PULLREQUEST_SOURCECOMMITID"] = "abc123",
            ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/contoso/",
            ["SYSTEM_TEAMPROJECT"] = "Evals Team",
            ["BUILD_BUILDID"] = "99",
        });

        Assert.Equal(CiPlatform.Azure, ci.Platform);
        Assert.Equal(ReviewHostKind.GitHub, ci.ReviewHost);
        Assert.Equal("octo/evals", ci.ReviewDefaults.Project);
        Assert.Equal(12, ci.ReviewDefaults.Request);
        Assert.Equal("abc123", ci.Commit);
        Assert.Equal("https://dev.azure.com/contoso/Evals%20Team/_build/results?buildId=99", ci.RunUrl);
    }

    [Fact]
    public void GitLabMergeRequest_GoesToTheMergeRequestProject_NeverCiProjectId()
    {
        var target = GitLab.GitLabTarget.Resolve(ReviewOptions.None, name => new Dictionary<string, string>
        {
            ["CI_API_V4_URL"] = "https://gitlab.example/api/v4",
            ["CI_PROJECT_ID"] = "999",
            ["CI_MERGE_REQUEST_PROJECT_ID"] = "123",
            ["CI_MERGE_REQUEST_IID"] = "5",
            ["GITLAB_TOKEN"] = "t",
        }.GetValueOrDefault(name));

        Assert.Equal("123", target.Target!.Project);
        Assert.Equal(new Uri("https://gitlab.example/api/v4/"), target.Target.ApiUrl);
    }
}

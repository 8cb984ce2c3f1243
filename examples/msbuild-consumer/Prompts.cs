namespace ChatAssistant;

/// <summary>Stands for the LLM feature whose evals the build gates.</summary>
public static class Prompts
{
    public const string System = "You are a helpful assistant. Answer briefly and cite your sources.";
}

using System.Text.Json;
using Mpg.Gate.Planning;

namespace Mpg.Gate.Serialization;

/// <summary>Writes plans as <c>mpg.plan/1</c> JSON.</summary>
public static class PlanFile
{
    public static string ToJson(Plan plan) => JsonSerializer.Serialize(plan, MpgJsonContext.Default.Plan) + "\n";
}

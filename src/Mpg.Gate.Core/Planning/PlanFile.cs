using System.Text.Json;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Planning;

public static class PlanFile
{
    public static string ToJson(Plan plan) => JsonSerializer.Serialize(plan, MpgJsonContext.Default.Plan) + "\n";
}

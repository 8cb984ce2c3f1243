using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>Reads <c>gate:</c>: the test's defaults, the correction, the rules and the Fastness rule.</summary>
internal static class GateReader
{
    public static GateSpec Read(MappingReader top, PolicyNode? goodness)
    {
        var gate = top.Mapping("gate", ["margin", "confidence", "correction", "rules", "fastness", "scope", "min_n", "max_unmatched", "inconclusive", "required", "comparability", "fixed", "drift"]);
        var defaultRules = new[] { new PolicyRule(PolicyNode.RootId, null, null, null, top.KeySpan("goodness") ?? SourceSpan.None(top.File)) };
        if (gate is null)
        {
            return new GateSpec(GateSpec.DefaultMargin, GateSpec.DefaultConfidence, Correction.Holm, defaultRules, null);
        }

        var margin = gate.Double("margin", GateSpec.DefaultMargin, IsMargin, "at least 0 and below 1");
        var confidence = gate.Double("confidence", GateSpec.DefaultConfidence, IsConfidence, "at least 0.5 and below 1");
        var correction = gate.Enum<Correction>("correction") ?? Correction.Holm;
        IReadOnlyList<PolicyRule> rules = ReadRules(gate) ?? (IReadOnlyList<PolicyRule>)defaultRules;

        // Without a tree the caller builds a flat one from the inputs; it checks rule nodes then.
        if (goodness is not null)
        {
            PolicyValidator.CheckRuleNodes(rules, goodness.DescendantsAndSelf().Select(n => n.Id));
        }

        var scope = gate.Enum<GateScope>("scope") ?? GateScope.Rules;
        var minN = gate.Int("min_n", n => n >= 0, "0 or more");
        var maxUnmatched = gate.Double("max_unmatched", f => f is >= 0 and <= 1, "between 0 and 1");
        return new GateSpec(margin, confidence, correction, rules, ReadFastnessRule(gate), scope, minN, maxUnmatched, gate.KeySpan("scope"), ReadDrift(gate, margin, goodness))
        {
            Inconclusive = gate.Enum<InconclusiveAction>("inconclusive") ?? InconclusiveAction.Warn,
            Required = ReadRequired(gate),
            Comparability = gate.Enum<Comparability>("comparability") ?? Comparability.Fail,
            Fixed = ReadFixed(gate),
        };
    }

    /// <summary><c>gate.required: [ { benchmark: B, items: [id, …] } | { benchmark: B, file: ids.txt } ]</c>; a file holds one id a line (# comments).</summary>
    private static List<RequiredItems> ReadRequired(MappingReader gate)
    {
        var required = new List<RequiredItems>();
        if (gate.Sequence("required", "a list of { benchmark, items } or { benchmark, file }") is not { } list)
        {
            return required;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"gate.required[{i}]";
            if (list.Children[i] is not YamlMappingNode mapping)
            {
                throw new PolicyException(Spans.Of(gate.File, list.Children[i]), $"expected a mapping with 'benchmark' and 'items' or 'file' for '{path}', got {YamlValues.Describe(list.Children[i])}");
            }

            var entry = new MappingReader(mapping, gate.File, path, ["benchmark", "items", "file"]);
            var benchmark = entry.String("benchmark");
            if (string.IsNullOrWhiteSpace(benchmark))
            {
                throw new PolicyException(entry.Span, $"'{path}' needs a 'benchmark' (the benchmark whose items are required)");
            }

            var items = entry.Sequence("items", "a list of item ids") is { } ids
                ? ids.Children.Select(c => c is YamlScalarNode { Value: { } v } ? v : throw new PolicyException(Spans.Of(gate.File, c), $"'{path}.items' holds item ids (strings or numbers), got {YamlValues.Describe(c)}")).ToList()
                : null;
            var file = entry.String("file");
            if ((items is null) == (file is null))
            {
                throw new PolicyException(entry.Span, $"'{path}' needs either 'items' (a list of ids) or 'file' (a text file of ids, one a line), not {(items is null ? "neither" : "both")}");
            }

            items ??= ReadIdFile(entry, file!);
            if (items.Count == 0)
            {
                throw new PolicyException(entry.Span, $"'{path}' lists no items; a required case that names nothing would always pass");
            }

            required.Add(new RequiredItems(benchmark, items, entry.Span));
        }

        return required;
    }

    private static HashSet<string> ReadFixed(MappingReader gate) =>
        gate.Sequence("fixed", "a list of setting names, e.g. [num_fewshot, temperature]") is { } list
            ? list.Children.Select(c => c is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw new PolicyException(Spans.Of(gate.File, c), $"'gate.fixed' lists setting names (num_fewshot, temperature, max_tokens, prompt, model, …), got {YamlValues.Describe(c)}")).ToHashSet(StringComparer.Ordinal)
            : [];

    private static List<string> ReadIdFile(MappingReader entry, string file)
    {
        var full = Path.GetFullPath(file, Path.GetDirectoryName(Path.GetFullPath(entry.File)) ?? ".");
        if (!File.Exists(full))
        {
            throw new PolicyException(entry.KeySpan("file") ?? entry.Span, $"required items file '{file}' not found (looked for {full})");
        }

        return File.ReadLines(full).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    private static DriftSpec? ReadDrift(MappingReader gate, double defaultMargin, PolicyNode? goodness)
    {
        if (gate.Mapping("drift", ["window", "margin", "node", "branch"]) is not { } drift)
        {
            return null;
        }

        var node = drift.String("node") ?? PolicyNode.RootId;
        if (goodness is not null)
        {
            PolicyValidator.CheckRuleNodes([new PolicyRule(node, null, null, null, drift.KeySpan("node") ?? drift.Span)], goodness.DescendantsAndSelf().Select(n => n.Id));
        }

        return new DriftSpec(
            drift.Int("window", DriftSpec.DefaultWindow, w => w is >= 1 and <= 1000, "between 1 and 1000 records"),
            drift.Double("margin", defaultMargin, IsMargin, "at least 0 and below 1"),
            node,
            drift.String("branch"),
            drift.Span);
    }

    private static bool IsMargin(double m) => m is >= 0 and < 1;

    private static bool IsConfidence(double c) => c is >= 0.5 and < 1;

    private static List<PolicyRule>? ReadRules(MappingReader gate)
    {
        if (gate.Sequence("rules", "a list of rules") is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            // Gating nothing would always pass: fail closed and say how to get the default.
            throw new PolicyException(Spans.Of(gate.File, list), "'gate.rules' is empty; list rules, or remove it to gate on goodness");
        }

        var rules = new List<PolicyRule>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"gate.rules[{i}]";
            if (list.Children[i] is not YamlMappingNode mapping)
            {
                throw new PolicyException(Spans.Of(gate.File, list.Children[i]), $"expected a mapping with 'node' for '{path}', got {YamlValues.Describe(list.Children[i])}");
            }

            var rule = new MappingReader(mapping, gate.File, path, ["node", "margin", "confidence", "floor", "min_n", "inconclusive", "min_pass_all"]);
            var node = rule.String("node");
            if (string.IsNullOrWhiteSpace(node))
            {
                throw new PolicyException(rule.Span, $"'{path}' needs a 'node' (an id in the goodness tree, or goodness)");
            }

            var floor = rule.Double("floor", f => f is >= 0 and <= 1, "between 0 and 1");
            var minPassAll = rule.Double("min_pass_all", f => f is >= 0 and <= 1, "between 0 and 1");
            if (floor is not null && minPassAll is not null)
            {
                throw new PolicyException(rule.Span, $"'{path}' has both 'floor' and 'min_pass_all'; a rule tests one thing: write two rules for node '{node}'");
            }

            rules.Add(new PolicyRule(
                node,
                rule.Double("margin", IsMargin, "at least 0 and below 1"),
                rule.Double("confidence", IsConfidence, "at least 0.5 and below 1"),
                floor,
                rule.Span,
                rule.Int("min_n", n => n >= 0, "0 or more"))
            {
                Inconclusive = rule.Enum<InconclusiveAction>("inconclusive"),
                MinPassAll = minPassAll,
            });
        }

        return rules;
    }

    private static FastnessRule? ReadFastnessRule(MappingReader gate)
    {
        if (gate.Mapping("fastness", ["min_ratio", "action"]) is not { } fastness)
        {
            return null;
        }

        var minRatio = fastness.Double("min_ratio", r => r > 0, "greater than 0")
            ?? throw new PolicyException(fastness.Span, "'gate.fastness' needs 'min_ratio' (e.g. 0.9: the candidate keeps 90% of the baseline's speed)");
        var fail = fastness.Enum("action", ["warn", "fail"]) == "fail";
        return new FastnessRule(minRatio, fail, fastness.Span);
    }
}

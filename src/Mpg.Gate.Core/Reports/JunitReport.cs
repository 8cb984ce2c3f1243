using System.Globalization;
using System.Xml.Linq;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Reports;

/// <summary>JUnit XML: one test case per gate rule (and one for Fastness), so any CI lists failures natively.</summary>
public static class JunitReport
{
    public static string Render(Verdict verdict)
    {
        var cases = verdict.Rules.Select(r =>
        {
            var element = new XElement(
                "testcase",
                new XAttribute("classname", $"mpg.{verdict.Name}"),
                new XAttribute("name", $"{Spelling.Of(r.Kind)} {r.Node}"),
                new XAttribute("file", r.File),
                new XAttribute("line", r.Line.ToString(CultureInfo.InvariantCulture)));
            if (!r.Passed)
            {
                element.Add(new XElement("failure", new XAttribute("message", r.Message), new XAttribute("type", Spelling.Of(r.Status)), r.Message));
            }

            return element;
        }).ToList();

        var fastness = new XElement(
            "testcase",
            new XAttribute("classname", $"mpg.{verdict.Name}"),
            new XAttribute("name", $"fastness {Spelling.Of(verdict.Fastness.Metric)}"));
        if (verdict.Fastness.Status == FastnessStatus.Fail)
        {
            fastness.Add(new XElement("failure", new XAttribute("message", $"Fastness ratio {Numbers.Plain(verdict.Fastness.Ratio)} below {Numbers.Plain(verdict.Fastness.MinRatio)}"), new XAttribute("type", "fastness")));
        }
        else if (verdict.Fastness.Status is FastnessStatus.Warn or FastnessStatus.Unknown)
        {
            fastness.Add(new XElement("system-out", $"fastness {Spelling.Of(verdict.Fastness.Status)}: ratio {Numbers.Plain(verdict.Fastness.Ratio)}. {verdict.Fastness.Note}".Trim()));
        }

        cases.Add(fastness);
        var failures = cases.Count(c => c.Element("failure") is not null);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"mpg gate {verdict.Name}"),
            new XAttribute("tests", cases.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("errors", "0"),
            new XAttribute("timestamp", verdict.CreatedAt),
            cases);
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return doc.Declaration + "\n" + doc.Root!.ToString() + "\n";
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
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
            else if (r.Status == NodeStatus.Inconclusive)
            {
                // Not a pass and not a failure: CI lists it as skipped, with the reason.
                element.Add(new XElement("skipped", new XAttribute("message", r.Message)));
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
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"mpg gate {verdict.Name}"),
            new XAttribute("tests", cases.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", skipped.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", verdict.CreatedAt),
            cases);
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        // Names come from inputs; XML 1.0 cannot hold some characters at all (U+0001, lone surrogates), escaped or not.
        foreach (var attribute in doc.Descendants().Attributes())
        {
            attribute.Value = XmlChars(attribute.Value);
        }

        foreach (var text in doc.DescendantNodes().OfType<XText>())
        {
            text.Value = XmlChars(text.Value);
        }

        return doc.Declaration + "\n" + doc.Root!.ToString() + "\n";
    }

    /// <summary>The text with every character XML cannot carry replaced by U+FFFD.</summary>
    private static string XmlChars(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                sb.Append(text, i++, 2);
            }
            else
            {
                sb.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return sb.ToString();
    }
}

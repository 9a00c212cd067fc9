using System.Globalization;
using System.Xml.Linq;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// --junit FILE: the run's verdicts as JUnit XML, which CI systems show as tests: suite "run" (the run is valid and was
/// not aborted on fail), suite "thresholds" (one case per threshold) and, with --verify, suite "verification".
/// </summary>
public static class JunitReport
{
    public static string Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var suites = new List<XElement>
        {
            Suite("run",
            [
                Case("run", "valid", result.Valid ? null : string.Join("; ", result.InvalidReasons)),
                Case("run", "not aborted on fail", result.AbortedOnFail),
            ]),
            Suite("thresholds", [.. result.Thresholds.Select(t => Case("thresholds", t.Threshold.Expression,
                t.Passed ? null : string.Create(CultureInfo.InvariantCulture, $"{t.Threshold.Expression} failed: measured {t.Actual:0.###}")))]),
        };
        if (result.Verify is { } verify)
        {
            var failure = verify.MismatchCount == 0 ? null : string.Create(CultureInfo.InvariantCulture,
                $"{verify.MismatchCount} counters differ from the generator's tally ({verify.InDoubtUnresolved} commands in doubt unsettled); first: ")
                + string.Join(", ", verify.Mismatches.Take(5).Select(m => $"{m.Unit} {m.Period} {m.Counter} expected {m.Expected}, server {m.Actual}"));
            suites.Add(Suite("verification", [Case("verification", $"counters of {verify.UnitsChecked} unit periods", failure)]));
        }
        var root = new XElement("testsuites",
            new XAttribute("name", "DvcGrains load test"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString();
    }

    private static XElement Suite(string name, IReadOnlyList<XElement> cases) => new("testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        cases);

    private static XElement Case(string suite, string name, string? failure) => new("testcase",
        new XAttribute("classname", suite),
        new XAttribute("name", name),
        failure is null ? null : new XElement("failure", new XAttribute("message", failure), failure));
}

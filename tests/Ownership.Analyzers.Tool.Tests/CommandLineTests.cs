using Ownership.Analyzers.Tool.Loading;

namespace Ownership.Analyzers.Tool.Tests;

public class CommandLineTests
{
    [Fact]
    public void ReadsVerbPathAndOptions()
    {
        var command = CommandLine.Parse(new[] { "report", "app.sln", "--format", "SARIF", "--out", "x.sarif", "-p", "Configuration=Release", "-q", "--no-restore" });

        Assert.Equal(("report", "app.sln", "x.sarif", "sarif", true, false), (command.Verb, command.Path, command.Output, command.Format, command.Quiet, command.Restore));
        Assert.Equal("Release", command.Properties["configuration"]);
    }

    [Fact]
    public void DefaultsToTheCurrentFolderAndAnHtmlPage()
    {
        var command = CommandLine.Parse(new[] { "report" });

        Assert.Equal((".", "html", "ownership-report.html", true), (command.Path, command.Format, command.DefaultOutput, command.Restore));
        Assert.Equal("ownership-report.mmd", (command with { Format = "mermaid" }).DefaultOutput);
    }

    [Theory]
    [InlineData("Unknown verb 'draw'", "draw")]
    [InlineData("No verb given")]
    [InlineData("Unknown format 'png'", "report", "--format", "png")]
    [InlineData("--out needs a value", "report", "--out")]
    [InlineData("takes NAME=VALUE", "list", "-p", "Release")]
    [InlineData("Unknown option '--fast'", "list", "--fast")]
    [InlineData("One solution or project at a time", "list", "a.sln", "b.sln")]
    public void SaysWhatIsWrong(string expected, params string?[] args)
    {
        var error = Assert.Throws<ToolException>(() => CommandLine.Parse(args.OfType<string>().ToArray()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

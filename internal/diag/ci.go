package diag

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The CI formats print each diagnostic as the CI service's own annotation
// command, so that a reviewer reads the problem on the pull request's line
// rather than in a log. Paths are prefixed with dir (the source folder
// relative to the repository, slash separated; "" or "." for none), as the
// services want paths from the repository's root.

// PrintGitHub writes GitHub Actions workflow commands:
// ::error file=F,line=L,col=C,title=RULE::MESSAGE.
func (l List) PrintGitHub(w io.Writer, dir string) {
	for _, d := range l {
		fmt.Fprintln(w, d.GitHub(dir))
	}
}

// GitHub is one diagnostic as a GitHub Actions workflow command.
func (d Diagnostic) GitHub(dir string) string {
	var props []string
	if d.Path != "" {
		props = append(props, "file="+githubProperty(joinDir(dir, d.Path)))
		if d.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Line))
			if d.Col > 0 {
				props = append(props, "col="+strconv.Itoa(d.Col))
			}
		}
	}
	title := "safeguard"
	if d.Rule != "" {
		title += " " + d.Rule
	}
	props = append(props, "title="+githubProperty(title))
	return "::" + d.Severity.String() + " " + strings.Join(props, ",") + "::" + githubData(d.Message)
}

// PrintAzure writes Azure Pipelines logging commands:
// ##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=RULE]MESSAGE.
func (l List) PrintAzure(w io.Writer, dir string) {
	for _, d := range l {
		fmt.Fprintln(w, d.Azure(dir))
	}
}

// Azure is one diagnostic as an Azure Pipelines logging command.
func (d Diagnostic) Azure(dir string) string {
	props := []string{"type=" + d.Severity.String()}
	if d.Path != "" {
		props = append(props, "sourcepath="+azureProperty(joinDir(dir, d.Path)))
		if d.Line > 0 {
			props = append(props, "linenumber="+strconv.Itoa(d.Line))
			if d.Col > 0 {
				props = append(props, "columnnumber="+strconv.Itoa(d.Col))
			}
		}
	}
	if d.Rule != "" {
		props = append(props, "code="+azureProperty(d.Rule))
	}
	return "##vso[task.logissue " + strings.Join(props, ";") + "]" + azureData(d.Message)
}

func joinDir(dir, p string) string {
	if dir == "" || dir == "." {
		return p
	}
	return path.Join(dir, p)
}

// GitHub's escaping (the toolkit's escapeData and escapeProperty): a
// percent sign and line breaks in the message; also ':' and ',' in a
// property, which would end it. Other characters that are not printable
// are then written as Go escapes, as in String.
var (
	githubDataEsc = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropEsc = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	// Azure's (the agent's CommandStringConvertor): '%' as %AZP25, line
	// breaks, and ';' and ']' that would end a property or the command.
	azureDataEsc = strings.NewReplacer("%", "%AZP25", "\r", "%0D", "\n", "%0A")
	azurePropEsc = strings.NewReplacer("%", "%AZP25", "\r", "%0D", "\n", "%0A", ";", "%3B", "]", "%5D")
)

func githubData(s string) string     { return escape(githubDataEsc.Replace(s)) }
func githubProperty(s string) string { return escape(githubPropEsc.Replace(s)) }
func azureData(s string) string      { return escape(azureDataEsc.Replace(s)) }
func azureProperty(s string) string  { return escape(azurePropEsc.Replace(s)) }

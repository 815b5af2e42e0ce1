package diag

import (
	"bytes"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Path: "content/articles/x.md", Line: 4, Col: 7, Message: `date: "2020-13-01" is not a date (use YYYY-MM-DD)`},
			`content/articles/x.md:4:7: error: date: "2020-13-01" is not a date (use YYYY-MM-DD)`},
		{Diagnostic{Path: "site.yaml", Line: 2, Severity: Warning, Message: "m"}, "site.yaml:2: warning: m"},
		{Diagnostic{Path: "content", Message: "m"}, "content: error: m"},
		{Diagnostic{Message: "m"}, "error: m"},
		// Names that could forge a line or talk to the terminal are quoted.
		{Diagnostic{Path: "content/a\ncontent/b.md:1:1: error: forged", Line: 1, Message: "m"}, `"content/a\ncontent/b.md:1:1: error: forged":1: error: m`},
		{Diagnostic{Path: "content/\x1b]0;owned\x07.md", Message: "m"}, `"content/\x1b]0;owned\a.md": error: m`},
		{Diagnostic{Path: "content/\u202egpj.md", Message: "m"}, `"content/\u202egpj.md": error: m`},
		{Diagnostic{Path: "content/\u009b31m.md", Message: "m"}, `"content/\u009b31m.md": error: m`},
		{Diagnostic{Path: "content/\x9b31m.md", Message: "m"}, `"content/\x9b31m.md": error: m`},
		{Diagnostic{Path: `"quoted".md`, Message: "m"}, `"\"quoted\".md": error: m`},
		{Diagnostic{Path: "content/café.md", Message: "m"}, "content/café.md: error: m"},
		{Diagnostic{Path: "a.md", Message: "the address is used by content/x\ny.md\x1b[2J"}, `a.md: error: the address is used by content/x\ny.md\x1b[2J`},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestSortCountsAndDuplicates(t *testing.T) {
	var l List
	l.Warnf("b.md", 1, 1, "r", "w")
	l.Errorf("a.md", 10, 2, "r", "late")
	l.Errorf("a.md", 2, 5, "r", "early")
	l.Errorf("a.md", 2, 5, "r", "early")
	l = l.Sort()
	var buf bytes.Buffer
	l.Print(&buf)
	want := "a.md:2:5: error: early\na.md:10:2: error: late\nb.md:1:1: warning: w\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if e, w := l.Counts(); e != 2 || w != 1 {
		t.Errorf("counts = %d, %d; want 2, 1", e, w)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 {
		t.Errorf("HasErrors/Errors wrong: %v", l)
	}
	var none List
	if none.HasErrors() {
		t.Error("empty list has errors")
	}
}

// TestCountsMatchWhatIsPrinted: a list with duplicates, counted before it is
// sorted, gives the number of lines Print writes after Sort.
func TestCountsMatchWhatIsPrinted(t *testing.T) {
	var l List
	l.Errorf("a.md", 0, 0, "r", "same")
	l.Warnf("a.md", 0, 0, "r", "w")
	l.Errorf("a.md", 0, 0, "r", "same")
	l.Errorf("b.md", 1, 1, "r", "other")
	e, w := l.Counts()
	var buf bytes.Buffer
	l.Sort().Print(&buf)
	if lines := bytes.Count(buf.Bytes(), []byte("\n")); e+w != lines || e != 2 || w != 1 {
		t.Errorf("counts %d errors, %d warnings; printed %d lines:\n%s", e, w, lines, buf.String())
	}
	if len(l) != 4 {
		t.Errorf("Counts changed the list: %v", l)
	}
}

func TestWithout(t *testing.T) {
	var checks, news List
	checks.Errorf("a.md", 3, 5, "link-text", "vague")
	news.Errorf("a.md", 3, 7, "link-text", "vague, in other words")
	news.Errorf("a.md", 4, 1, "link-text", "another link")
	news.Errorf("a.md", 3, 1, "image-alt", "another rule")
	got := news.Without(checks)
	if len(got) != 2 || got[0].Line != 4 || got[1].Rule != "image-alt" {
		t.Errorf("Without = %v, want the line 4 link and the image", got)
	}
}

func TestCIFormats(t *testing.T) {
	tests := []struct {
		d      Diagnostic
		dir    string
		github string
		azure  string
	}{
		{Diagnostic{Path: "content/articles/x.md", Line: 4, Col: 7, Rule: "link", Message: "link to /a/ is broken (fix it)"}, ".",
			"::error file=content/articles/x.md,line=4,col=7,title=safeguard link::link to /a/ is broken (fix it)",
			"##vso[task.logissue type=error;sourcepath=content/articles/x.md;linenumber=4;columnnumber=7;code=link]link to /a/ is broken (fix it)"},
		{Diagnostic{Path: "site.yaml", Line: 2, Severity: Warning, Rule: "r", Message: "m"}, "site",
			"::warning file=site/site.yaml,line=2,title=safeguard r::m",
			"##vso[task.logissue type=warning;sourcepath=site/site.yaml;linenumber=2;code=r]m"},
		{Diagnostic{Message: "no place"}, "",
			"::error title=safeguard::no place",
			"##vso[task.logissue type=error]no place"},
		// Escaping: a message cannot end the command or start another.
		{Diagnostic{Path: "content/a,b:c;d]%.md", Line: 1, Rule: "x", Message: "100% sure\r\n::error::forged ##vso[task.complete result=Failed;]x\x1b[2J"}, "",
			"::error file=content/a%2Cb%3Ac;d]%25.md,line=1,title=safeguard x::100%25 sure%0D%0A::error::forged ##vso[task.complete result=Failed;]x\\x1b[2J",
			"##vso[task.logissue type=error;sourcepath=content/a,b:c%3Bd%5D%AZP25.md;linenumber=1;code=x]100%AZP25 sure%0D%0A::error::forged ##vso[task.complete result=Failed;]x\\x1b[2J"},
	}
	for _, tt := range tests {
		if got := tt.d.GitHub(tt.dir); got != tt.github {
			t.Errorf("GitHub:\n got %q\nwant %q", got, tt.github)
		}
		if got := tt.d.Azure(tt.dir); got != tt.azure {
			t.Errorf("Azure:\n got %q\nwant %q", got, tt.azure)
		}
	}
	var b bytes.Buffer
	List{tests[0].d, tests[1].d}.PrintGitHub(&b, "")
	List{tests[0].d}.PrintAzure(&b, "")
	if n := bytes.Count(b.Bytes(), []byte("\n")); n != 3 {
		t.Errorf("printed %d lines, want 3:\n%s", n, b.String())
	}
}

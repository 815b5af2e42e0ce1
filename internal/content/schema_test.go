package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

var schemaFiles = []string{
	"content/articles/a.md", "content/articles/_index.md",
	"content/act-early/a.md", "content/act-early/_index.md",
	"content/contacts/a.md", "content/contacts/_index.md",
	"content/events/a.md", "content/events/_index.md",
	"content/a.md", "content/about/_index.md", "content/_index.md", "content/about/b/index.md",
}

// Schema names exactly the fields the loader checks, and requires the same.
func TestSchemaIsTheLoadersFieldTable(t *testing.T) {
	for _, file := range schemaFiles {
		var known, required []string
		onFieldTable = func(f string, hs handlers, req []string) {
			for k := range hs {
				known = append(known, k)
			}
			required = slices.Clone(req)
		}
		parsePage(file, []byte("---\ntitle: T\n---\n"))
		onFieldTable = nil
		var names, req []string
		for _, f := range Schema(file) {
			names = append(names, f.Name)
			if f.Required {
				req = append(req, f.Name)
			}
		}
		if IsIndex(file) {
			// The loader knows slug on an _index.md only to say it has
			// no effect there; a form must not offer it.
			known = slices.DeleteFunc(known, func(s string) bool { return s == "slug" })
		}
		sort.Strings(known)
		sort.Strings(names)
		sort.Strings(required)
		sort.Strings(req)
		if !slices.Equal(known, names) {
			t.Errorf("%s: the loader knows %v, Schema lists %v", file, known, names)
		}
		if !slices.Equal(required, req) {
			t.Errorf("%s: the loader requires %v, Schema %v", file, required, req)
		}
	}
}

// sample is a valid YAML value for a field of the schema.
func sample(f Field) string {
	switch f.Type {
	case TypeDate:
		return "2020-12-04"
	case TypeDateTime:
		return "2020-12-04T10:00"
	case TypeBool:
		return "true"
	case TypeInt:
		return "2"
	case TypeName:
		return "abc"
	case TypeURL:
		return "https://example.org/"
	case TypeEmail:
		return "a@example.org"
	case TypeContact:
		return "c"
	case TypeContacts:
		return "[c]"
	case TypeList:
		return "[a, b]"
	case TypeIssue:
		return "\"2020-12\""
	case TypeLanguage:
		return "cy"
	case TypeChoice:
		return f.Choices[0]
	case TypeRules:
		return "{long-sentence: \"a reason\"}"
	case TypeGroup:
		var parts []string
		for _, g := range f.Fields {
			if g.Name == "url" && f.Name == "call_to_action" {
				continue // a call to action has a contact or a url, not both
			}
			parts = append(parts, g.Name+": "+sample(g))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case TypePhones:
		return "[{number: \"0800 011 3764\", label: L, textphone: false}]"
	}
	return "Some text"
}

// wrong is a value of the wrong type for a field.
func wrong(f Field) string {
	switch f.Type {
	case TypeText, TypeName, TypeURL, TypeEmail, TypeContact, TypeIssue, TypeChoice, TypeLanguage:
		return "[x]"
	case TypeContacts, TypeList, TypePhones:
		return "{a: b}"
	case TypeGroup, TypeRules:
		return "[x]"
	}
	return "\"not this\""
}

// A value of each field's type is accepted; a value of another type is
// refused with the field's name.
func TestSchemaTypes(t *testing.T) {
	for _, file := range schemaFiles {
		for _, f := range Schema(file) {
			if f.Name == "title" {
				continue
			}
			var fm strings.Builder
			fm.WriteString("---\n")
			for _, g := range Schema(file) {
				if g.Required && g.Name != f.Name {
					fmt.Fprintf(&fm, "%s: %s\n", g.Name, sample(g))
				}
			}
			rest := fm.String()
			online := "online: true\n"
			if f.Name == "online" || f.Name == "place" {
				online = ""
			}
			good := parsePage(file, []byte(rest+f.Name+": "+sample(f)+"\n"+online+"---\n"))
			for _, e := range good.errs {
				if strings.Contains(e.msg, f.Name) {
					t.Errorf("%s: %s: %s refused: %s", file, f.Name, sample(f), e.msg)
				}
			}
			if f.Name == "online" {
				continue
			}
			bad := parsePage(file, []byte(rest+f.Name+": "+wrong(f)+"\n---\n"))
			found := false
			for _, e := range bad.errs {
				found = found || strings.HasPrefix(e.msg, f.Name)
			}
			if !found {
				t.Errorf("%s: %s: %s accepted (errors %v)", file, f.Name, wrong(f), bad.errs)
			}
		}
	}
}

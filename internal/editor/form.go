package editor

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// view is what one editor page shows.
type view struct {
	Heading string
	Problem string // the page cannot be shown; why
	Saved   string // the Saved banner's text, after a save
	View    string // the address of the page saved, for the banner's link
	Token   string
	Errors  []fieldError

	// the form of a page
	Inputs   []*input
	Body     *input
	Page     string // the page's id (its file without content/ and .md)
	Version  string // of the file the form was opened from; "new" for a new page
	Kind     string // a new page's kind
	From     string
	New      bool
	IsDraft  bool
	Rules    string   // ignore: as written, not editable here
	Contacts []option // the contact picker

	// the Preview and Add a contact buttons' results
	Previewing  bool
	PreviewID   string
	HasFragment bool
	PreviewNote string
	ContactNote string

	// the New page form
	NewForm      bool
	Kinds        []option
	KindError    string
	Title        string
	TitleError   string
	Address      string
	AddressError string
	AddressNote  string
	Existing     string // the form of the page that has the address asked for

	// the delete, rename and draft confirmations
	Confirm      bool
	Changed      bool // the page changed since the delete form was opened
	Rename       bool
	DraftConfirm bool
	Confirmed    string   // the name of the yes value the form sends
	Hidden       []option // the form being confirmed: Label is the name
	Linking      []string

	// a conflict: the fields that differ, and the button the writer pressed
	Conflict []difference
	Action   string

	// the writer's words, when their page went while they wrote
	Lost, LostTitle string
}

type fieldError struct {
	ID   string // of the control the summary links to
	Text string
}

type option struct {
	Value, Label string
	Selected     bool
}

// input is one control, or a group of them.
type input struct {
	ID, Name, Label, Hint, Error string
	Type                         content.FieldType
	Required                     bool
	Value                        string
	Day, Month, Year, Time       string
	Checked                      bool
	Options                      []option
	Sub                          []*input
}

func (in *input) Describedby() string {
	var ids []string
	if in.Hint != "" {
		ids = append(ids, in.ID+"-hint")
	}
	if in.Error != "" {
		ids = append(ids, in.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// FirstID is the control an error summary links to.
func (in *input) FirstID() string {
	switch in.Type {
	case content.TypeDate, content.TypeDateTime:
		return in.ID + "-day"
	case content.TypeContacts:
		return in.ID + "-0"
	case content.TypeGroup, content.TypePhones:
		if len(in.Sub) > 0 {
			return in.Sub[0].FirstID()
		}
	}
	return in.ID
}

func idOf(name string) string {
	return strings.NewReplacer(".", "-", "_", "-").Replace(name)
}

// form builds the form of file rel from values v, with errs beside their
// fields.
func (e *Editor) form(site *content.Site, rel string, schema []content.Field, v url.Values, errs []fieldError) *view {
	vw := &view{Page: v.Get("page"), Version: v.Get("version"), Kind: v.Get("kind"), From: v.Get("from"), New: v.Get("new") == "1"}
	vw.IsDraft = vw.New || v.Get("f.draft") == "true"
	title := v.Get("f.title")
	if vw.New {
		vw.Heading = "New page: " + title
	} else {
		vw.Heading = "Edit: " + title
	}
	contacts := contactOptions(site)
	vw.Contacts = contacts
	for _, f := range schema {
		if f.Type == content.TypeRules || f.Name == "draft" {
			continue // one way to make a draft: the Save as draft button
		}
		vw.Inputs = append(vw.Inputs, makeInput(f, "f."+f.Name, v, contacts))
	}
	if n := get(src(v), "ignore"); n != nil {
		b, _ := yaml.Marshal(n)
		vw.Rules = strings.TrimSpace(string(b))
	}
	vw.Body = &input{ID: "body", Name: "body", Label: "Text of the page", Hint: "Write in Markdown. A blank line starts a new paragraph.", Value: v.Get("body")}
	vw.Errors = errs
	all := append(slices.Clone(vw.Inputs), vw.Body)
	for _, er := range errs {
		for _, in := range all {
			if t := find(in, er.ID); t != nil && t.Error == "" {
				t.Error = er.Text
			}
		}
	}
	return vw
}

// src reads the ignore: rules the form carries over (they are not edited
// here) from the hidden "rules" value.
func src(v url.Values) *yaml.Node {
	var n yaml.Node
	if yaml.Unmarshal([]byte(v.Get("rules")), &n) != nil || len(n.Content) != 1 {
		return nil
	}
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "ignore"}, n.Content[0]}}
}

// find returns the input whose control has id (or whose first control has).
func find(in *input, id string) *input {
	if in.ID == id || in.FirstID() == id {
		return in
	}
	for _, s := range in.Sub {
		if t := find(s, id); t != nil {
			return t
		}
	}
	return nil
}

func makeInput(f content.Field, name string, v url.Values, contacts []option) *input {
	in := &input{ID: "f-" + idOf(strings.TrimPrefix(name, "f.")), Name: name, Label: f.Label, Hint: f.Hint, Type: f.Type, Required: f.Required, Value: v.Get(name)}
	switch f.Type {
	case content.TypeContacts:
		in.Hint += " They are shown in a box after the text. To show a contact inside the text, use Add a contact to the text."
	case content.TypeName:
		in.Required = true // a page always has an address; an empty box keeps the one it has
	}
	switch f.Type {
	case content.TypeDate, content.TypeDateTime:
		in.Day, in.Month, in.Year, in.Time = v.Get(name+".day"), v.Get(name+".month"), v.Get(name+".year"), v.Get(name+".time")
	case content.TypeBool:
		in.Checked = v.Get(name) == "true"
	case content.TypeContacts:
		chosen := v[name]
		for _, c := range contacts {
			o := c
			o.Selected = slices.Contains(chosen, c.Value)
			in.Options = append(in.Options, o)
		}
		for _, c := range chosen {
			if !slices.ContainsFunc(contacts, func(o option) bool { return o.Value == c }) {
				in.Options = append(in.Options, option{Value: c, Label: c + " (no such contact)", Selected: true})
			}
		}
	case content.TypeContact:
		in.Options = append(in.Options, option{Value: "", Label: "No contact"})
		for _, c := range contacts {
			o := c
			o.Selected = c.Value == in.Value
			in.Options = append(in.Options, o)
		}
	case content.TypeChoice:
		in.Options = append(in.Options, option{Value: "", Label: "Not set"})
		for _, c := range f.Choices {
			in.Options = append(in.Options, option{Value: c, Label: c, Selected: c == in.Value})
		}
	case content.TypeGroup:
		for _, g := range f.Fields {
			in.Sub = append(in.Sub, makeInput(g, name+"."+g.Name, v, contacts))
		}
	case content.TypePhones:
		n := 0
		for k := range v {
			if rest, ok := strings.CutPrefix(k, name+"."); ok {
				i, _, _ := strings.Cut(rest, ".")
				if x, err := strconv.Atoi(i); err == nil && x+1 > n {
					n = x + 1
				}
			}
		}
		n = min(n, maxRows)
		for i := 0; i < n+maxNewRows; i++ {
			row := &input{ID: fmt.Sprintf("%s-%d", in.ID, i), Label: fmt.Sprintf("Phone number %d", i+1), Type: content.TypeGroup}
			if i >= n {
				row.Label = "Add a phone number"
			}
			for _, g := range f.Fields {
				row.Sub = append(row.Sub, makeInput(g, fmt.Sprintf("%s.%d.%s", name, i, g.Name), v, contacts))
			}
			in.Sub = append(in.Sub, row)
		}
	}
	return in
}

// contactOptions lists the site's contacts by title.
func contactOptions(site *content.Site) []option {
	var out []option
	if site != nil {
		for name, c := range site.Contacts {
			out = append(out, option{Value: name, Label: c.Title})
		}
	}
	slices.SortFunc(out, func(a, b option) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	return out
}

// placeErrors puts each diagnostic about the file beside the field it is
// about, or quotes its line of the text.
func placeErrors(site *content.Site, schema []content.Field, data []byte, d diag.List) []fieldError {
	src, _ := cut(data)
	var out []fieldError
	for _, x := range d {
		out = append(out, placeOne(site, schema, src, x))
	}
	return out
}

// placeOne places one diagnostic, in a writer's words (writerWords).
func placeOne(site *content.Site, schema []content.Field, src *source, x diag.Diagnostic) fieldError {
	fe := placeField(schema, src, x)
	fe.Text = writerWords(site, fe.Text)
	return fe
}

func placeField(schema []content.Field, src *source, x diag.Diagnostic) fieldError {
	msg := x.Message
	byName := func(name string) (fieldError, bool) {
		top, sub, _ := strings.Cut(name, ".")
		for _, f := range schema {
			if f.Name != top {
				continue
			}
			in := makeInput(f, "f."+f.Name, url.Values{}, nil)
			id := in.FirstID()
			label := f.Label
			if sub != "" {
				id = "f-" + idOf(name)
				parts := strings.Split(sub, ".")
				for _, g := range f.Fields {
					if g.Name == parts[len(parts)-1] {
						label = f.Label + ": " + g.Label
						if g.Type == content.TypeDate || g.Type == content.TypeDateTime {
							id += "-day"
						}
					}
				}
			}
			text := msg
			if (f.Type == content.TypeDate || f.Type == content.TypeDateTime) && strings.Contains(msg, "is not a date") {
				text = label + " must be a real date"
				if f.Type == content.TypeDateTime {
					text += " (and the time like 10:00)"
				}
			} else if rest, ok := strings.CutPrefix(msg, name+":"); ok {
				text = label + ":" + rest
			} else if rest, ok := strings.CutPrefix(msg, name+" "); ok {
				text = label + " " + rest
			}
			return fieldError{ID: id, Text: text}, true
		}
		return fieldError{}, false
	}
	switch x.Rule {
	case "review-missing", "review-overdue", "review-due":
		if fe, ok := byName("review_by"); ok {
			return fe
		}
	case "contact-overdue":
		if fe, ok := byName("verified_on"); ok {
			return fe
		}
	}
	first := msg
	if i := strings.IndexAny(first, " :"); i > 0 {
		first = first[:i]
	}
	if fe, ok := byName(first); ok {
		return fe
	}
	switch {
	case strings.HasPrefix(msg, "an event needs online"), strings.HasPrefix(msg, "an event that is not online"):
		if fe, ok := byName("place"); ok {
			fe.Text = msg
			return fe
		}
	case strings.HasPrefix(msg, "a contact needs"):
		if fe, ok := byName("phones"); ok {
			fe.Text = msg
			return fe
		}
	}
	if src != nil && x.Line >= src.bodyLine {
		n := x.Line - src.bodyLine + 1
		lines := strings.Split(string(src.body), "\n")
		quote := ""
		if n-1 < len(lines) {
			quote = strings.TrimSpace(lines[n-1])
			if r := []rune(quote); len(r) > 80 {
				quote = string(r[:77]) + "…"
			}
		}
		return fieldError{ID: "body", Text: fmt.Sprintf("Text of the page, line %d (%s): %s", n, "“"+quote+"”", msg)}
	}
	if src != nil && x.Line > 0 {
		m := src.fields()
		best, bestLine := "", 0
		off := bytes.Count(src.head, []byte("\n"))
		for i := 0; i+1 < len(m.Content); i += 2 {
			if l := m.Content[i].Line + off; l <= x.Line && l > bestLine {
				best, bestLine = m.Content[i].Value, l
			}
		}
		if fe, ok := byName(best); ok {
			fe.Text = msg
			return fe
		}
	}
	return fieldError{ID: "f-title", Text: msg}
}

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

func (e *Editor) render(w http.ResponseWriter, status int, vw *view) {
	vw.Problem = writerWords(nil, vw.Problem)
	if r := []rune(vw.Problem); len(r) > 0 {
		vw.Problem = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	if vw.Token == "" {
		vw.Token = e.token
	}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, vw); err != nil {
		http.Error(w, "the editor page could not be made: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

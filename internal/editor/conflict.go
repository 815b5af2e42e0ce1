package editor

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"safeguard/internal/content"
)

// A save from a form opened on an older version of the page never
// overwrites: the conflict page shows, field by field, what the writer sent
// and what is saved now, and the writer chooses; nothing is written until
// they do. Its form carries the writer's values and the version on disk, so
// choosing is an ordinary save (checked again, and a conflict again if the
// page changed once more meanwhile).

// difference is one field that differs between the writer's form and the
// page as saved now.
type difference struct {
	Name, Label  string // the field's form name ("f.title", "body") and label
	ID           string // of the first radio
	Mine, Theirs string // the values as a writer reads them
	PickMine     bool   // preselected: the writer changed this field
	Long         bool   // the text of the page: shown in boxes to copy from
}

// conflict shows the conflict page for a form v against the file data now.
func (e *Editor) conflict(w http.ResponseWriter, rel string, schema []content.Field, v url.Values, data []byte) {
	src, err := cut(data)
	if err != nil {
		e.lost(w, v, "someone changed the page in a text editor in a way this form cannot show")
		return
	}
	theirs := e.formValues(rel, src, data)
	var base url.Values
	if old := e.openedAt(v.Get("version")); old != nil {
		if bsrc, err := cut(old); err == nil {
			base = e.formValues(rel, bsrc, old)
		}
	}
	site, _ := e.load(nil)
	contacts := contactOptions(site)
	var diffs []difference
	for _, f := range schema {
		if f.Type == content.TypeRules || f.Name == "draft" {
			continue
		}
		name := "f." + f.Name
		mine, their := show(f, name, v, contacts), show(f, name, theirs, contacts)
		if mine == their {
			continue
		}
		d := difference{Name: name, Label: f.Label, ID: "pick-" + idOf(f.Name), Mine: orNone(mine), Theirs: orNone(their), PickMine: true}
		if base != nil && show(f, name, base, contacts) == mine {
			d.PickMine = false // the writer did not change it: keep the other change
		}
		diffs = append(diffs, d)
	}
	if norm(v.Get("body")) != norm(theirs.Get("body")) {
		d := difference{Name: "body", Label: "Text of the page", ID: "pick-body", Mine: v.Get("body"), Theirs: theirs.Get("body"), PickMine: true, Long: true}
		if base != nil && norm(base.Get("body")) == norm(v.Get("body")) {
			d.PickMine = false
		}
		diffs = append(diffs, d)
	}
	keep := url.Values{}
	for k, xs := range v {
		if !strings.HasPrefix(k, "pick.") {
			keep[k] = xs
		}
	}
	keep.Set("version", theirs.Get("version"))
	keep.Set("resolve", "1")
	vw := &view{Heading: "Someone else changed this page", Conflict: diffs, From: v.Get("from"), Action: v.Get("action")}
	if vw.Action != "draft" {
		vw.Action = "save"
	}
	vw.Hidden = hidden(keep, "token", "action")
	e.render(w, http.StatusConflict, vw)
}

// takeTheirs replaces in v each field the writer chose to keep as saved
// (pick.NAME=theirs) with its value in theirs.
func takeTheirs(schema []content.Field, v, theirs url.Values) {
	names := []string{"body"}
	for _, f := range schema {
		names = append(names, "f."+f.Name)
	}
	for _, name := range names {
		if v.Get("pick."+name) != "theirs" {
			continue
		}
		for k := range v {
			if k == name || strings.HasPrefix(k, name+".") {
				v.Del(k)
			}
		}
		for k, xs := range theirs {
			if k == name || strings.HasPrefix(k, name+".") {
				v[k] = slices.Clone(xs)
			}
		}
	}
}

func norm(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

func orNone(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}

// show writes a field's form values as a writer reads them: a date as
// 7 December 2026, a tick as Yes or No, contacts by their titles.
func show(f content.Field, name string, v url.Values, contacts []option) string {
	switch f.Type {
	case content.TypeDate, content.TypeDateTime:
		s := strings.TrimSpace(strings.Join([]string{v.Get(name + ".day"), monthName(v.Get(name + ".month")), v.Get(name + ".year")}, " "))
		if t := v.Get(name + ".time"); t != "" {
			s += " at " + t
		}
		return s
	case content.TypeBool:
		if v.Get(name) == "true" {
			return "Yes"
		}
		if f.Name == "quick_exit" {
			return "No"
		}
		return ""
	case content.TypeContacts, content.TypeContact:
		var out []string
		for _, c := range v[name] {
			if c == "" {
				continue
			}
			label := c
			for _, o := range contacts {
				if o.Value == c {
					label = o.Label
				}
			}
			out = append(out, label)
		}
		if f.Type == content.TypeContacts {
			slices.Sort(out) // the form lists them in its own order
		}
		return strings.Join(out, ", ")
	case content.TypeGroup:
		var out []string
		for _, g := range f.Fields {
			if s := show(g, name+"."+g.Name, v, contacts); s != "" {
				out = append(out, g.Label+": "+s)
			}
		}
		return strings.Join(out, "; ")
	case content.TypePhones:
		var out []string
		for i := 0; i < maxRows; i++ {
			var row []string
			for _, g := range f.Fields {
				if s := show(g, name+"."+itoa(i)+"."+g.Name, v, contacts); s != "" {
					row = append(row, s)
				}
			}
			if len(row) > 0 {
				out = append(out, strings.Join(row, " "))
			}
		}
		return strings.Join(out, "; ")
	case content.TypeList:
		var out []string
		for _, l := range strings.Split(v.Get(name), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return strings.Join(out, ", ")
	}
	return strings.TrimSpace(v.Get(name))
}

func monthName(m string) string {
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	for i, name := range months {
		if m == itoa(i+1) || m == "0"+itoa(i+1) {
			return name
		}
	}
	return m
}

func itoa(i int) string { return strconv.Itoa(i) }

package editor

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"safeguard/internal/content"
)

// Form values are named after the field: "f.title", "f.newsletter.issue",
// "f.phones.0.number"; a date is three boxes, "f.date.day", ".month" and
// ".year" (and ".time" for an event's start and end), as GOV.UK asks dates.

// valuesOf reads the front matter into form values.
func valuesOf(schema []content.Field, m *yaml.Node) url.Values {
	v := url.Values{}
	for _, f := range schema {
		readField(v, "f."+f.Name, f, get(m, f.Name))
	}
	return v
}

func readField(v url.Values, name string, f content.Field, n *yaml.Node) {
	if n == nil {
		if f.Name == "quick_exit" {
			v.Set(name, "true") // on unless switched off
		}
		return
	}
	switch f.Type {
	case content.TypeDate, content.TypeDateTime:
		if n.Kind != yaml.ScalarNode {
			return
		}
		d, tm, _ := strings.Cut(n.Value, "T")
		parts := strings.Split(d, "-")
		if len(parts) == 3 {
			v.Set(name+".year", parts[0])
			v.Set(name+".month", strings.TrimPrefix(parts[1], "0"))
			v.Set(name+".day", strings.TrimPrefix(parts[2], "0"))
		} else {
			v.Set(name+".year", n.Value)
		}
		if tm != "" {
			v.Set(name+".time", tm)
		}
	case content.TypeContacts, content.TypeList:
		var items []string
		if n.Kind == yaml.SequenceNode {
			for _, it := range n.Content {
				items = append(items, it.Value)
			}
		} else {
			items = append(items, n.Value)
		}
		if f.Type == content.TypeList {
			v.Set(name, strings.Join(items, "\n"))
		} else {
			v[name] = items
		}
	case content.TypeGroup:
		for _, g := range f.Fields {
			readField(v, name+"."+g.Name, g, get(n, g.Name))
		}
	case content.TypePhones:
		if n.Kind == yaml.SequenceNode {
			for i, it := range n.Content {
				for _, g := range f.Fields {
					readField(v, fmt.Sprintf("%s.%d.%s", name, i, g.Name), g, get(it, g.Name))
				}
			}
		}
	case content.TypeRules:
	default:
		if n.Kind == yaml.ScalarNode {
			v.Set(name, n.Value)
		}
	}
}

// apply writes form values into the front matter mapping m, changing only
// the fields whose value changed, so that comments, quoting and the order of
// fields survive. It reports whether anything changed.
func apply(schema []content.Field, m *yaml.Node, v url.Values) bool {
	changed := false
	for _, f := range schema {
		if f.Type == content.TypeRules {
			continue // not in the form: kept as written
		}
		changed = set(m, f.Name, build(f, "f."+f.Name, get(m, f.Name), v)) || changed
	}
	return changed
}

// build makes the node a field's form values say, reusing old when the
// value is the same; nil means the field is empty (removed).
func build(f content.Field, name string, old *yaml.Node, v url.Values) *yaml.Node {
	str := func(s string) *yaml.Node {
		if old != nil && old.Kind == yaml.ScalarNode && old.Value == s {
			return old
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s}
	}
	plain := func(s, tag string) *yaml.Node {
		if old != nil && old.Kind == yaml.ScalarNode && old.Value == s {
			return old
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
	}
	one := strings.TrimSpace(v.Get(name))
	switch f.Type {
	case content.TypeDate, content.TypeDateTime:
		s := joinDate(v.Get(name+".day"), v.Get(name+".month"), v.Get(name+".year"))
		if t := strings.TrimSpace(v.Get(name + ".time")); t != "" && f.Type == content.TypeDateTime {
			if len(t) == 4 && t[1] == ':' {
				t = "0" + t
			}
			s += "T" + t
		}
		if s == "" {
			return nil
		}
		if isDate(s) {
			return plain(s, "")
		}
		return str(s)
	case content.TypeBool:
		b := one == "true"
		if !b && old == nil && f.Name != "quick_exit" {
			return nil
		}
		if b && old == nil && f.Name == "quick_exit" {
			return nil
		}
		return plain(strconv.FormatBool(b), "")
	case content.TypeInt:
		if one == "" {
			return nil
		}
		if _, err := strconv.Atoi(one); err == nil {
			return plain(one, "")
		}
		return str(one)
	case content.TypeContacts, content.TypeList:
		var items []string
		if f.Type == content.TypeList {
			for _, l := range strings.Split(one, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					items = append(items, l)
				}
			}
		} else {
			items = v[name]
			// Keep the written order of contacts still chosen; new ones go last.
			if old != nil && old.Kind == yaml.SequenceNode {
				var kept []string
				for _, it := range old.Content {
					if slices.Contains(items, it.Value) {
						kept = append(kept, it.Value)
					}
				}
				for _, it := range items {
					if !slices.Contains(kept, it) {
						kept = append(kept, it)
					}
				}
				items = kept
			}
		}
		if len(items) == 0 {
			return nil
		}
		if old != nil && old.Kind == yaml.SequenceNode && len(old.Content) == len(items) {
			same := true
			for i, it := range old.Content {
				same = same && it.Kind == yaml.ScalarNode && it.Value == items[i]
			}
			if same {
				return old
			}
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		if old != nil && old.Kind == yaml.SequenceNode {
			seq.Style = old.Style
			seq.HeadComment, seq.LineComment, seq.FootComment = old.HeadComment, old.LineComment, old.FootComment
		}
		for _, it := range items {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: it})
		}
		return seq
	case content.TypeGroup:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if old != nil && old.Kind == yaml.MappingNode {
			m = old
		}
		for _, g := range f.Fields {
			set(m, g.Name, build(g, name+"."+g.Name, get(m, g.Name), v))
		}
		if len(m.Content) == 0 {
			return nil
		}
		return m
	case content.TypePhones:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		var olds []*yaml.Node
		if old != nil && old.Kind == yaml.SequenceNode {
			olds = old.Content
			seq.Style = old.Style
		}
		for i := 0; i < len(olds)+maxNewRows; i++ {
			var o *yaml.Node
			if i < len(olds) && olds[i].Kind == yaml.MappingNode {
				o = olds[i]
			}
			item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if o != nil {
				item = o
			}
			for _, g := range f.Fields {
				set(item, g.Name, build(g, fmt.Sprintf("%s.%d.%s", name, i, g.Name), get(item, g.Name), v))
			}
			if get(item, "number") != nil {
				seq.Content = append(seq.Content, item)
			}
		}
		if len(seq.Content) == 0 {
			return nil
		}
		return seq
	}
	if one == "" {
		return nil
	}
	return str(one)
}

// maxNewRows is how many empty rows a repeated group (phones) offers.
const maxNewRows = 1

// set puts value under key in mapping m (nil removes the key), keeping the
// key where it is; it reports whether m changed.
func set(m *yaml.Node, key string, value *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		if value == nil {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return true
		}
		old := m.Content[i+1]
		if old == value {
			return false
		}
		if value.Kind == yaml.ScalarNode && value.LineComment == "" {
			value.LineComment = old.LineComment
		}
		m.Content[i+1] = value
		return true
	}
	if value == nil {
		return false
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, value)
	return true
}

// joinDate writes the three boxes as YYYY-MM-DD. Anything that is not a
// number is kept as written, for the loader to report.
func joinDate(day, month, year string) string {
	day, month, year = strings.TrimSpace(day), strings.TrimSpace(month), strings.TrimSpace(year)
	if day == "" && month == "" && year == "" {
		return ""
	}
	d, e1 := strconv.Atoi(day)
	m, e2 := strconv.Atoi(month)
	y, e3 := strconv.Atoi(year)
	if e1 != nil || e2 != nil || e3 != nil || d < 0 || m < 0 || y < 0 || y > 9999 || d > 99 || m > 99 {
		return year + "-" + month + "-" + day
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func isDate(s string) bool {
	for i, c := range []byte(s) {
		switch {
		case i == 4 || i == 7:
			if c != '-' {
				return false
			}
		case i == 10:
			if c != 'T' {
				return false
			}
		case i == 13:
			if c != ':' {
				return false
			}
		case c < '0' || c > '9':
			return false
		}
	}
	return len(s) == 10 || len(s) == 16
}

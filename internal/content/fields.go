package content

import (
	"cmp"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must load on machines without a zoneinfo database.
)

// london is where dates and event times are read: the site serves the City of London.
// London is the time zone every date and time in the content is written in.
var London = london

var london = mustLondon()

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}

// checker collects the problems of one file and where its fields were written.
type checker struct {
	path   string
	where  string // "the front matter" or "site.yaml", for messages
	opener Pos    // where missing top-level fields are reported
	errs   []posErr
	fields map[string]Pos
	refs   []ref
}

// ref is a use of a contact's file name, checked once all files are read.
type ref struct {
	name string
	pos  Pos
}

func (c *checker) errorf(p Pos, format string, args ...any) {
	c.errs = append(c.errs, posErr{p, fmt.Sprintf(format, args...)})
}

// handlers maps a field name to the function that checks and stores it.
type handlers map[string]func(name string, v *val)

// fieldsOf walks the fields of map m (nil or a non-map is reported), calls
// the handler of each known field, and reports unknown and repeated fields.
// It returns the fields that were written with a value (not empty).
func (c *checker) fieldsOf(m *val, prefix string, hs handlers, extra map[string]string) map[string]*val {
	seen := map[string]*val{}
	if m == nil {
		return seen
	}
	if m.tag == "invalid" {
		return seen
	}
	if m.kind != mapVal {
		c.errorf(m.pos, "%s: expected fields, not %s (write each as name: value on its own line, indented under %s:)", strings.TrimSuffix(prefix, "."), m.describe(), lastPart(strings.TrimSuffix(prefix, ".")))
		return seen
	}
	names := make([]string, 0, len(hs))
	for k := range hs {
		names = append(names, k)
	}
	slices.Sort(names)
	firstAt := map[string]Pos{}
	for _, e := range m.keys {
		full := prefix + e.key
		if p, dup := firstAt[e.key]; dup {
			c.errorf(e.keyPos, "%s is written twice (remove one; the first is on line %d)", full, p.Line)
			continue
		}
		firstAt[e.key] = e.keyPos
		h, ok := hs[e.key]
		if !ok {
			if msg, ok := extra[e.key]; ok {
				c.errorf(e.keyPos, "%s", msg)
				continue
			}
			if s := closest(e.key, names); s != "" {
				c.errorf(e.keyPos, "unknown field %q (did you mean %s?)", full, s)
			} else {
				c.errorf(e.keyPos, "unknown field %q (remove it; docs/content-model.md lists the fields each kind of page may have)", full)
			}
			continue
		}
		c.fields[full] = e.keyPos
		if e.val.kind == scalarVal && e.val.tag == "null" {
			continue
		}
		seen[e.key] = e.val
		if e.val.tag == "invalid" {
			continue
		}
		h(full, e.val)
	}
	return seen
}

// require reports each of names that is absent from seen, at pos.
func (c *checker) require(seen map[string]*val, at Pos, prefix string, names ...string) {
	for _, n := range names {
		if _, ok := seen[n]; !ok {
			if prefix == "" {
				c.errorf(at, "%s is missing (add %s: with a value to %s)", n, n, cmp.Or(c.where, "the front matter"))
			} else {
				c.errorf(at, "%s%s is missing (add %s: with a value under %s)", prefix, n, n, strings.TrimSuffix(prefix, "."))
			}
		}
	}
}

func (c *checker) text(name string, v *val) (string, bool) {
	if v.tag == "invalid" {
		return "", false
	}
	if v.kind != scalarVal {
		c.errorf(v.pos, "%s: expected text, not %s (write the text on the same line, after %s:)", name, v.describe(), lastPart(name))
		return "", false
	}
	if strings.TrimSpace(v.text) == "" {
		c.errorf(v.pos, "%s is empty (write a value, or remove the line)", name)
		return "", false
	}
	v.asText = true
	return v.text, true
}

func (c *checker) boolean(name string, v *val) (bool, bool) {
	if v.tag == "invalid" {
		return false, false
	}
	if v.kind == scalarVal && v.tag == "bool" {
		b, err := strconv.ParseBool(v.text)
		if err == nil {
			return b, true
		}
	}
	c.errorf(v.pos, "%s: %s is not true or false (write true or false)", name, v.describe())
	return false, false
}

func (c *checker) integer(name string, v *val) (int, bool) {
	if v.tag == "invalid" {
		return 0, false
	}
	// Plain decimal only: 0x10, 0o17 and 1_000 are read differently by
	// different YAML readers.
	if v.kind == scalarVal && v.tag == "int" && decimalRE.MatchString(v.text) {
		n, err := strconv.ParseInt(v.text, 10, 32)
		if err == nil {
			return int(n), true
		}
	}
	c.errorf(v.pos, "%s: %s is not a whole number (write a number such as 3)", name, v.describe())
	return 0, false
}

var dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

func (c *checker) date(name string, v *val) (time.Time, bool) {
	if v.tag == "invalid" {
		return time.Time{}, false
	}
	if v.kind == scalarVal && dateRE.MatchString(v.text) {
		if t, err := time.ParseInLocation("2006-01-02", v.text, london); err == nil {
			return t, true
		}
	}
	c.errorf(v.pos, "%s: %s is not a date (use YYYY-MM-DD)", name, v.describe())
	return time.Time{}, false
}

var dateTimeRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$`)

// dateTime reads an event time: a date, or a date and time in London.
func (c *checker) dateTime(name string, v *val) (t time.Time, allDay, ok bool) {
	if v.tag == "invalid" {
		return time.Time{}, false, false
	}
	if v.kind == scalarVal {
		if dateRE.MatchString(v.text) {
			if t, err := time.ParseInLocation("2006-01-02", v.text, london); err == nil {
				return t, true, true
			}
		} else if dateTimeRE.MatchString(v.text) {
			if t, err := time.ParseInLocation("2006-01-02T15:04", v.text, london); err == nil {
				return t, false, true
			}
		}
	}
	c.errorf(v.pos, "%s: %s is not a date or a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM, London time)", name, v.describe())
	return time.Time{}, false, false
}

// webURL accepts only https addresses with a host: residents must never be
// sent to an address that could be read or changed on the way.
func (c *checker) webURL(name string, v *val) (string, bool) {
	s, ok := c.text(name, v)
	if !ok {
		return "", false
	}
	u, err := url.Parse(s)
	switch {
	case err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && !strings.ContainsAny(s, " \t\"<>\\") && validHost(u.Hostname()):
		return s, true
	case err == nil && u.User != nil:
		// Never repeat the address: it holds a password or a user name,
		// and diagnostics end up in CI logs.
		c.errorf(v.pos, "%s: the address holds a user name or password before the @, which would be published on every page (remove it; a site's address never needs one)", name)
	case err == nil && u.Scheme == "http" && u.Host != "":
		c.errorf(v.pos, "%s: %q is not secure (use https://)", name, s)
	default:
		c.errorf(v.pos, "%s: %q is not a web address (write it in full, starting with https://)", name, s)
	}
	return "", false
}

func validHost(h string) bool {
	if h == "" || !strings.Contains(h, ".") && h != "localhost" {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r > 127) {
			return false
		}
	}
	return true
}

func (c *checker) email(name string, v *val) (string, bool) {
	s, ok := c.text(name, v)
	if !ok {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	switch {
	case err != nil || !strings.Contains(a.Address, "@"):
		c.errorf(v.pos, "%s: %q is not an e-mail address (write it as name@example.org)", name, s)
	case a.Name != "" || a.Address != s:
		c.errorf(v.pos, "%s: %q is not just an e-mail address (write only the address, %s)", name, s, a.Address)
	default:
		return s, true
	}
	return "", false
}

// name checks a slug or contact name: a-z, 0-9 and hyphens.
func (c *checker) name(field string, v *val) (string, bool) {
	s, ok := c.text(field, v)
	if !ok {
		return "", false
	}
	if !validName(s) {
		c.errorf(v.pos, "%s: %q may use only a-z, 0-9 and - (write %s)", field, s, suggestName(s))
		return "", false
	}
	if len(s) > maxName {
		c.errorf(v.pos, "%s is %d characters long, more than the %d an address part may have (shorten it, for example to %s)", field, len(s), maxName, shorten(s))
		return "", false
	}
	return s, true
}

// contactRef records a contact file name to be checked against content/contacts/.
func (c *checker) contactRef(field string, v *val) (string, bool) {
	s, ok := c.text(field, v)
	if !ok {
		return "", false
	}
	c.refs = append(c.refs, ref{s, v.pos})
	return s, true
}

func (c *checker) textList(name string, v *val) []string {
	if v.kind != listVal {
		c.errorf(v.pos, "%s: expected a list, not %s (write it as [first, second])", name, v.describe())
		return nil
	}
	var out []string
	for i, it := range v.items {
		n := fmt.Sprintf("%s.%d", name, i)
		c.fields[n] = it.pos
		if s, ok := c.text(n, it); ok {
			out = append(out, s)
		}
	}
	return out
}

func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

package content

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"safeguard/internal/diag"
	"safeguard/internal/markdown"
)

// Language is one language a page may be translated into (site.yaml's
// languages:), besides the site's own.
type Language struct {
	Code string // a language tag, as in file names: "cy", "ar", "pt-br"
	Name string // the language named in itself: "Cymraeg", "العربية"
	Pos  Pos    // where site.yaml lists it
}

// Direction is "rtl" for a language written right to left.
func (l Language) Direction() string { return markdown.Direction(l.Code) }

// nativeNames are the languages councils most often publish in, each named
// in itself, so that site.yaml may list just the code.
var nativeNames = map[string]string{
	"ar": "العربية", "bn": "বাংলা", "cy": "Cymraeg", "de": "Deutsch", "es": "Español",
	"fa": "فارسی", "fr": "Français", "ga": "Gaeilge", "gd": "Gàidhlig", "gu": "ગુજરાતી",
	"it": "Italiano", "lt": "Lietuvių", "pa": "ਪੰਜਾਬੀ", "pl": "Polski", "ps": "پښتو",
	"pt": "Português", "ro": "Română", "so": "Soomaali", "ti": "ትግርኛ", "tr": "Türkçe",
	"uk": "Українська", "ur": "اردو", "zh": "中文", "ku": "Kurdî", "ckb": "کوردی",
	"en": "English",
}

// LanguageName is the site's own language named in itself ("English").
func (cfg Config) LanguageName() string {
	if n := nativeNames[primary(cfg.Language)]; n != "" {
		return n
	}
	return cfg.Language
}

// fileLangRe is the language part of a translation's file name
// (x.cy.md, _index.pt-br.md): lower case, as file names are.
var fileLangRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// translationName splits the stem of a Markdown file's name into the page it
// translates and the language, Hugo's multilingual model by file name:
// "x.cy" is the Welsh translation of "x", "_index.ar" of "_index". ok is
// false for any other name (the usual rules on names apply to it).
func translationName(stem string) (base, lang string, ok bool) {
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return stem, "", false
	}
	base, lang = stem[:i], stem[i+1:]
	if !fileLangRe.MatchString(lang) || (base != "_index" && !validName(base)) {
		return stem, "", false
	}
	return base, lang, true
}

// languagesOf reads site.yaml's languages: a list of language tags, or of
// {code, name}, each named in itself when the code is not a common one.
func (c *checker) languagesOf(n string, v *val, site string) []Language {
	if v.kind != listVal {
		c.errorf(v.pos, "%s: expected a list of languages, not %s (write it as [cy, ar])", n, v.describe())
		return nil
	}
	var out []Language
	seen := map[string]bool{strings.ToLower(site): true, strings.ToLower(primary(site)): true}
	for i, it := range v.items {
		in := n + "." + strconv.Itoa(i)
		l := Language{Pos: it.pos}
		switch it.kind {
		case scalarVal:
			l.Code, _ = c.text(in, it)
		case mapVal:
			c.fieldsOf(it, in+".", handlers{
				"code": func(n string, v *val) { l.Code, _ = c.text(n, v) },
				"name": func(n string, v *val) { l.Name, _ = c.text(n, v) },
			}, nil)
		default:
			c.errorf(it.pos, "%s: expected a language tag such as cy, not %s", in, it.describe())
			continue
		}
		if l.Code == "" {
			c.errorf(it.pos, "%s: no language code (write the tag, such as cy for Welsh)", in)
			continue
		}
		if !fileLangRe.MatchString(l.Code) {
			c.errorf(it.pos, "%s: %q is not a language tag as file names use it (write it in lower case, such as cy, ar or pt-br)", in, l.Code)
			continue
		}
		if seen[l.Code] {
			c.errorf(it.pos, "%s: %s is listed twice, or is the site's own language (remove it)", in, l.Code)
			continue
		}
		seen[l.Code] = true
		if l.Name == "" {
			l.Name = nativeNames[primary(l.Code)]
		}
		if l.Name == "" {
			c.errorf(it.pos, "%s: safeguard does not know what %s calls itself (write {code: %s, name: the language's name in itself})", in, l.Code, l.Code)
			continue
		}
		out = append(out, l)
	}
	return out
}

// primary is a tag's language without region or script: "en" of "en-GB".
func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return p
}

// Lang returns the site's language of this code, and whether site.yaml
// lists it.
func (cfg Config) Lang(code string) (Language, bool) {
	for _, l := range cfg.Translations() {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Equal reports whether two configurations are the same, their languages
// compared by value.
func (cfg Config) Equal(o Config) bool {
	a, b := cfg, o
	a.Languages, b.Languages = nil, nil
	return a == b && slices.Equal(cfg.Translations(), o.Translations())
}

// Translations are the languages of site.yaml's languages: list.
func (cfg Config) Translations() []Language {
	if cfg.Languages == nil {
		return nil
	}
	return *cfg.Languages
}

// checkTranslations reports a translation in a language site.yaml does not
// list, or of a page that does not exist.
func checkTranslations(d *diag.List, cfg Config, pages []*parsed) {
	var paths map[string]bool
	for _, pp := range pages {
		p := pp.page
		if p.Translation == "" {
			continue
		}
		if _, ok := cfg.Lang(p.Translation); !ok {
			d.Errorf(p.Path, 0, 0, ruleFile, "the file name says this page is in %s, which site.yaml does not list (add languages: [%s] to site.yaml, or rename the file)", p.Translation, p.Translation)
			continue
		}
		if paths == nil {
			paths = make(map[string]bool, len(pages))
			for _, o := range pages {
				paths[o.page.Path] = true
			}
		}
		if !paths[p.Original] {
			d.Errorf(p.Path, 0, 0, ruleFile, "this is a translation of %s, which does not exist (name it after the page it translates)", p.Original)
		}
	}
}

package check

import (
	"strings"
	"testing"
)

// TestWritingOtherLanguages: the sentence and reading rules score only the
// site's language, and sentences end at other scripts' full stops too.
func TestWritingOtherLanguages(t *testing.T) { runSource(t, languageCases()) }

func languageCases() []ruleCase {
	long := "If you are worried that someone you know well is starting to change in ways that frighten you then you can call the support line at any time of day."
	// Two Bengali sentences of 17 words each: one "sentence" of 34 words
	// when । is not known.
	bn := strings.Repeat("যদি আপনি কারো সম্পর্কে চিন্তিত হন তাহলে আমাদের ফোন করুন আমরা সাহায্য করতে পারি সবসময় এখানে আছি। ", 2)
	welsh := "Os ydych chi'n poeni am rywun yr ydych yn ei adnabod yn dda sy'n dechrau newid mewn ffyrdd sy'n eich dychryn yna gallwch ffonio'r llinell gymorth unrhyw bryd."
	return []ruleCase{
		{"a Bengali passage marked bn", "long-sentence", map[string]string{a: page("", "Call us.\n\n"+bn+"\n{lang=\"bn\"}\n")}, nil},
		{"a Bengali passage not marked is split at the danda", "long-sentence", map[string]string{a: page("", "Call us.\n\n"+bn+"\n")}, nil},
		{"an Arabic passage marked ar and rtl", "long-sentence", map[string]string{a: page("", strings.Repeat("إذا كنت قلقًا بشأن شخص ما اتصل بنا ", 5)+"\n{lang=\"ar\" dir=\"rtl\"}\n")}, nil},
		{"a Welsh passage is not scored as English", "long-sentence", map[string]string{a: page("", "Call us.\n\n"+welsh+"\n{lang=\"cy\"}\n")}, nil},
		{"a Welsh list is not scored as English", "long-sentence", map[string]string{a: page("", "- "+welsh+"\n{lang=\"cy\"}\n")}, nil},
		{"an English passage marked en is scored", "long-sentence", map[string]string{a: page("", long+"\n{lang=\"en\"}\n")}, []string{a + ":6:1: warning"}},
		{"an attribute line after a blank line marks nothing", "long-sentence", map[string]string{a: page("", long+"\n\n{lang=\"cy\"}\n")}, []string{a + ":6:1: warning"}},
		{"the attribute line is not prose", "long-sentence", map[string]string{a: page("", "Call us.\n{lang=\"en\" dir=\"ltr\"}\n")}, nil},
		{"curly quotes keep the column", "long-sentence", map[string]string{a: page("", "It's \"fine\". "+long+"\n")}, []string{a + ":6:14: warning"}},
		{"passive voice in Welsh is not English", "passive-voice", map[string]string{a: page("", "Calls are recorded here.\n{lang=\"cy\"}\n")}, nil},
	}
}

// TestWritingPageLanguage: a page in another language is not scored.
func TestWritingPageLanguage(t *testing.T) {
	welsh := "Os ydych chi'n poeni am rywun yr ydych yn ei adnabod yn dda sy'n dechrau newid mewn ffyrdd sy'n eich dychryn yna gallwch ffonio'r llinell gymorth unrhyw bryd."
	runSource(t, []ruleCase{
		{"a Welsh page", "long-sentence", map[string]string{a: page("language: cy\n", welsh+"\n")}, nil},
		{"an English page marked en-GB", "long-sentence", map[string]string{a: page("language: en-GB\n", welsh+"\n")}, []string{a + ":7:1: warning"}},
		{"a page marked en is the site's language", "long-sentence", map[string]string{a: page("language: en\n", welsh+"\n")}, []string{a + ":7:1: warning"}},
	})
}

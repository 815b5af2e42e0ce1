package readability

import (
	"math"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Call 999. Then wait.", []string{"Call 999.", "Then wait."}},
		{"Open 9.30am to 5pm. Closed on Sunday", []string{"Open 9.30am to 5pm.", "Closed on Sunday"}},
		{"Bring ID, e.g. a passport. Then sign in.", []string{"Bring ID, e.g. a passport.", "Then sign in."}},
		{"Ask Dr. Smith. She knows!", []string{"Ask Dr. Smith.", "She knows!"}},
		{"Is it safe? \"Yes,\" she said.", []string{"Is it safe?", "\"Yes,\" she said."}},
		{"Visit gov.uk for help. it is free.", []string{"Visit gov.uk for help. it is free."}},
		{"  ", nil},
		// Other scripts' terminators: a Bengali line is two sentences, not one.
		{"যদি আপনি কারো সম্পর্কে চিন্তিত হন, আমাদের ফোন করুন। আমরা সাহায্য করতে পারি।", []string{"যদি আপনি কারো সম্পর্কে চিন্তিত হন, আমাদের ফোন করুন।", "আমরা সাহায্য করতে পারি।"}},
		{"क्या आप ठीक हैं॥ हम मदद करेंगे।", []string{"क्या आप ठीक हैं॥", "हम मदद करेंगे।"}},
		{"هل أنت قلق؟ اتصل بنا.", []string{"هل أنت قلق؟", "اتصل بنا."}},
		{"کیا آپ پریشان ہیں۔ ہمیں فون کریں۔", []string{"کیا آپ پریشان ہیں۔", "ہمیں فون کریں۔"}},
		{"你好吗？我们可以帮忙。请打电话！", []string{"你好吗？", "我们可以帮忙。", "请打电话！"}},
		{"「大丈夫？」と聞いた。", []string{"「大丈夫？」と聞いた。"}},
		{"Call us. ফোন করুন। Then wait.", []string{"Call us.", "ফোন করুন।", "Then wait."}},
		{"Arabic ؟ alone", []string{"Arabic ؟ alone"}},
	}
	for _, tt := range tests {
		got := Split(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("Split(%q) = %d sentences %v, want %q", tt.text, len(got), got, tt.want)
			continue
		}
		for i, s := range got {
			if s.Text != tt.want[i] || tt.text[s.Start:s.End] != s.Text {
				t.Errorf("Split(%q)[%d] = %q at %d:%d, want %q", tt.text, i, s.Text, s.Start, s.End, tt.want[i])
			}
		}
	}
}

func TestSyllables(t *testing.T) {
	tests := map[string]int{
		"a": 1, "call": 1, "the": 1, "any": 2, "make": 1, "makes": 1, "places": 2, "used": 1,
		"wanted": 2, "people": 2, "centre": 2, "safely": 2, "statement": 2, "media": 3,
		"radio": 3, "nation": 2, "social": 2, "extremism": 4, "controlled": 2, "troubled": 2,
		"999": 1, "well-being": 3, "confidential": 4, "voluntary": 4, "support": 2,
	}
	for w, want := range tests {
		if got := Syllables(w); got != want {
			t.Errorf("Syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestPassive(t *testing.T) {
	tests := map[string]string{
		"Calls are not recorded.":                 "are not recorded.",
		"The form was sent to the council.":       "was sent",
		"A plan is agreed by the panel.":          "is agreed",
		"You can call us at any time.":            "",
		"We are worried about him.":               "",
		"It is usually given in writing.":         "is usually given",
		"The police are involved in most cases.":  "",
		"Your concern will be taken seriously.":   "be taken",
		"Support is voluntary, shared and tested": "",
		"People at risk of being drawn in.":       "",
		"Someone is being radicalised.":           "is being radicalised.",
	}
	for s, want := range tests {
		if got := Passive(s); got != want {
			t.Errorf("Passive(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFormulas(t *testing.T) {
	st := Stats{Sentences: 2, Words: 20, Syllables: 30}
	if got, want := st.ReadingEase(), 206.835-1.015*10-84.6*1.5; math.Abs(got-want) > 1e-9 {
		t.Errorf("ReadingEase = %v, want %v", got, want)
	}
	if got, want := st.Grade(), 0.39*10+11.8*1.5-15.59; math.Abs(got-want) > 1e-9 {
		t.Errorf("Grade = %v, want %v", got, want)
	}
	if (Stats{}).ReadingEase() != 0 || (Stats{}).Grade() != 0 {
		t.Error("empty text must score 0")
	}
}

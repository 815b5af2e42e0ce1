package gen

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// The word banks below make plain-English sentences of 6 to 20 words, in the
// voice of a council's community safety pages, so readability checks and
// Markdown rendering see text like the real thing rather than random letters.

// subjects are plural (they take verbs as written); singular ones take the
// verb's third person form.
var subjects = []string{
	"Local police officers", "Trained advisers", "Many parents", "Teachers in the City",
	"Youth workers", "Support workers", "Residents", "Young people", "Families", "Carers",
	"Partners in education", "Volunteers", "Community groups", "Local businesses",
	"Our safeguarding staff", "Health visitors", "School staff", "Faith leaders",
}

var singular = []string{
	"The Community Safety Team", "Our Prevent lead", "Your GP", "A friend or neighbour",
	"The council", "The Channel panel",
}

var verbs = []string{
	"can help", "will listen to", "work closely with", "offer free advice to",
	"talk regularly with", "look out for", "give practical support to",
	"keep in touch with", "meet", "protect", "guide", "support", "check in on",
	"share advice with", "make time for", "stand by", "learn from", "welcome",
}

var objects = []string{
	"people who feel alone", "anyone worried about a friend", "young people online",
	"families under pressure", "residents across the City", "students in further education",
	"local shops and offices", "people in crisis", "children at risk of harm",
	"parents and carers", "older neighbours", "new arrivals in the area",
	"people who need a trusted adult", "staff who work with the public",
	"groups that meet in the evening", "anyone who asks for help",
}

var tails = []string{
	"", "", "", "every day", "in confidence", "without judgement",
	"across the Square Mile", "at any time", "when things feel hard",
	"before problems grow", "in plain words", "free of charge", "this month",
	"through the year", "in person or online", "as soon as they can",
}

var someone = []string{
	"a friend", "your child", "a neighbour", "a colleague", "someone close to you",
	"a student", "a family member", "a young person you know",
}

var actions = []string{
	"call the support line", "talk to someone you trust", "tell a teacher or GP",
	"contact the council", "speak to our team", "share your concern early",
	"ask for advice", "write down what you have noticed",
}

var signs = []string{
	"Spending more and more time online", "An angry wish for change",
	"Sharing extreme views with friends", "Pulling away from old friends",
	"A sudden need to blame others", "Talking about a new group all the time",
	"A personal crisis that will not go away", "A strong need to belong",
	"A wish for status or respect", "Being controlled by a group",
}

var fixed = []string{
	"You do not need to be sure before you call.",
	"Support is voluntary and confidential.",
	"Most concerns need no further police action.",
	"You can stay anonymous if you want to.",
	"Calls to the support line are not recorded.",
	"It is better to ask early than to wait.",
	"Nobody will judge you for asking.",
	"If someone is in danger now, call 999.",
	"The sense that something is not right matters most.",
	"Help is free and open to everyone in the City.",
}

var timePhrases = []string{
	"Each week", "This year", "In most cases", "After a first call", "Every month",
	"During the holidays", "In the evenings", "At the start of term", "Over time",
}

// sentence returns one sentence and its word count.
func sentence(r *rand.Rand) (string, int) {
	var s string
	switch r.IntN(10) {
	case 0, 1, 2, 3:
		s = clause(r) + " " + pick(r, objects)
		if t := pick(r, tails); t != "" {
			s += " " + t
		}
		s += "."
	case 4, 5:
		s = "If you are worried about " + pick(r, someone) + ", " + pick(r, actions) + "."
	case 6:
		s = pick(r, signs) + " can be a sign that something is wrong."
	case 7:
		s = pick(r, timePhrases) + ", " + lowerFirst(clause(r)) + " " + pick(r, objects) + "."
	default:
		s = pick(r, fixed)
	}
	return s, len(strings.Fields(s))
}

// clause is a subject and a verb that agree.
func clause(r *rand.Rand) string {
	v := pick(r, verbs)
	if r.IntN(4) > 0 {
		return pick(r, subjects) + " " + v
	}
	if !strings.HasPrefix(v, "can ") && !strings.HasPrefix(v, "will ") {
		first, rest, _ := strings.Cut(v, " ")
		v = strings.TrimSpace(first + "s " + rest)
	}
	return pick(r, singular) + " " + v
}

// paragraph returns 2 to 4 sentences and their word count.
func paragraph(r *rand.Rand) (string, int) {
	n := 2 + r.IntN(3)
	parts := make([]string, 0, n)
	words := 0
	for range n {
		s, w := sentence(r)
		if len(parts) > 0 && parts[len(parts)-1] == s {
			s, w = sentence(r)
		}
		parts = append(parts, s)
		words += w
	}
	return strings.Join(parts, " "), words
}

var headings2 = []string{
	"What to look out for", "How to get help", "Who we work with", "What happens next",
	"Staying safe online", "Support for families", "Training for staff",
	"Where to find advice", "Why it matters", "What you can do", "How we keep in touch",
	"Working together in the City", "Questions people ask", "Before you call",
}

var headings3 = []string{
	"If you are a parent", "If you work with young people", "Online safety tips",
	"Out of hours", "For schools and colleges", "For local businesses",
	"If you are not sure", "After you call", "Keeping a record", "Talking to a child",
}

var titleStarts = []string{
	"Safeguarding our communities", "Spotting the signs", "Keeping children safe",
	"ACT Early", "Prevent training", "Staying safe online", "Support for families",
	"Talking about extremism", "Help for carers", "A safer City", "Community safety",
	"Online hate", "Looking out for neighbours", "Channel support", "Getting help early",
}

var titleEnds = []string{
	"this winter", "for parents", "for schools", "in the Square Mile", "what to know",
	"a guide for residents", "new sessions", "an update", "for young people",
	"questions answered", "for businesses", "at home", "this spring", "in plain words",
}

var topicsList = []string{
	"Prevent", "online safety", "ACT Early", "Channel", "hate crime",
	"community safety", "radicalisation", "families", "schools", "training",
}

var authors = []string{
	"Community Safety Team", "Prevent Coordinator", "Safer City Partnership",
	"Communications Team",
}

var listItems = []string{
	"Talk to someone you trust", "Write down what you noticed and when",
	"Call the support line for advice", "Tell a teacher, GP or youth worker",
	"Check the privacy settings on shared devices", "Keep talking and keep listening",
	"Ask open questions", "Look after yourself too", "Report harmful material online",
	"Agree family rules for screen time", "Know who to call out of hours",
	"Share this page with a friend",
}

var externalLinks = [][2]string{
	{"government guidance on radicalisation", "https://www.gov.uk/guidance/get-help-if-youre-worried-about-someone-being-radicalised"},
	{"the ACT Early website", "https://actearly.uk/"},
	{"report extremist material online", "https://www.gov.uk/report-terrorism"},
	{"report suspicious activity online", "https://www.gov.uk/ACT"},
	{"the NSPCC website", "https://www.nspcc.org.uk/"},
	{"the City of London Prevent page", "https://www.cityoflondon.gov.uk/services/community-and-safety/prevent-our-counter-terrorism-strategy"},
}

var imageSubjects = []string{
	"a parent and child talking at a kitchen table", "volunteers at a community event",
	"a teenager using a phone on a bench", "staff at a training session",
	"a poster with the support line number", "neighbours chatting outside a block of flats",
	"a youth worker in a sports hall", "a leaflet about getting help early",
}

var eventKinds = []string{
	"Prevent awareness session", "ACT Early briefing", "Online safety workshop",
	"Safeguarding forum", "Channel information session", "Hate crime awareness talk",
}

var audiences = []string{
	"Higher and further education staff", "Primary and secondary school staff",
	"Local businesses", "Community groups", "Parents and carers", "Council apprentices",
	"New police officers", "Residents",
}

var places = []string{
	"Guildhall, London", "Barbican Library", "Artizan Street Library",
	"Golden Lane Community Centre", "Portsoken Community Centre", "Shoe Lane Library",
}

var aboutTitles = []string{
	"About Prevent", "About Channel", "What happens when you share a concern",
	"Our safeguarding partners", "How we check our information", "Working with schools",
	"Working with businesses", "Our community safety plan", "Who we are",
}

var contactServices = []string{
	"youth service", "family support", "adult social care", "housing advice",
	"community centre", "library help desk", "schools safeguarding", "victim support",
	"mental health advice", "faith forum", "business safety", "student support",
}

var contactAreas = []string{
	"City", "Barbican", "Aldgate", "Farringdon", "Smithfield", "Bishopsgate",
	"Cheapside", "Temple", "Tower", "Moorgate",
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func lowerFirst(s string) string {
	rs := []rune(s)
	rs[0] = unicode.ToLower(rs[0])
	return string(rs)
}

// slugify turns a title into letters, digits and hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

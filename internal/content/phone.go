package content

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// ukShort are the UK short numbers a contact may give, as they are written.
var ukShort = map[string]bool{
	"999": true, "112": true, "101": true, "111": true, "105": true,
	"116 123": true, "116 000": true, "116 111": true, "116 117": true,
}

// textRelay is the prefix that sends a call through the text relay service
// for people who are deaf, hard of hearing or speech impaired.
const textRelay = "18001 "

// checkPhone validates a UK number as written. It returns the tel: form, or
// a plain-words problem with its fix.
func checkPhone(s string) (tel, problem string) {
	if ukShort[s] {
		return strings.ReplaceAll(s, " ", ""), ""
	}
	if rest, ok := strings.CutPrefix(s, textRelay); ok {
		if ukShort[rest] {
			return "18001" + strings.ReplaceAll(rest, " ", ""), ""
		}
		national, p := checkFull(rest)
		if p != "" {
			if national != "" {
				return "", "write it as " + textRelay + national
			}
			return "", "after 18001 write a short number such as 101 or a full number such as 020 7332 3808"
		}
		return "18001" + strings.ReplaceAll(rest, " ", ""), ""
	}
	national, p := checkFull(s)
	if p != "" {
		if national != "" {
			return "", "write it as " + national
		}
		return "", p
	}
	num, _ := phonenumbers.Parse(s, "GB")
	return phonenumbers.Format(num, phonenumbers.E164), ""
}

// checkFull validates a full UK number and its grouping. On a grouping
// problem it returns the number in its usual groups with a problem.
func checkFull(s string) (national, problem string) {
	const notUK = "check the digits: write a UK number such as 020 7332 3808, or a short number such as 101"
	if len(s) > 40 {
		return "", notUK
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ' ' || r == '+' || r == '(' || r == ')' || r == '-') {
			return "", notUK
		}
	}
	num, err := phonenumbers.Parse(s, "GB")
	if err != nil || !phonenumbers.IsValidNumberForRegion(num, "GB") {
		return "", notUK
	}
	want := phonenumbers.Format(num, phonenumbers.NATIONAL)
	if s != want && !sameCodeGrouping(s, want) {
		return want, "grouping"
	}
	return want, ""
}

// sameCodeGrouping accepts a number written with the standard area or service
// code followed by groups of three or four digits, such as "0800 789 321":
// residents should see a number as the campaigns and posters print it, and
// that form is as clear as the standard "0800 789321".
func sameCodeGrouping(s, standard string) bool {
	got, want := strings.Split(s, " "), strings.Split(standard, " ")
	if len(got) < 3 || got[0] != want[0] || strings.ReplaceAll(s, " ", "") != strings.ReplaceAll(standard, " ", "") {
		return false
	}
	for _, g := range got[1:] {
		if len(g) < 3 || len(g) > 4 {
			return false
		}
	}
	return true
}

package flows

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// A typed target post is compared with the known ones, so that a typo
// ("surveilan" for "Surveilans") is not filed as a post of its own.
const (
	// suggestAt is the similarity from which a known post is offered as
	// "Maksud Anda". 0.75 offers "Analis Kepegawaian Ahli Muda" for "Ahli
	// Madya" and a post with two words swapped or one left out, but not
	// another "Kepala Seksi ..." that shares only the title.
	suggestAt = 0.75
	// typoAt is the similarity from which a typed post is taken to be the
	// ASN's own post mistyped: one or two wrong letters in a name of 30
	// characters, or the same words in another order.
	typoAt = 0.85
	// maxSuggestions is how many known posts are offered.
	maxSuggestions = 3
)

// postMatch is what a typed target post turned out to be among the known
// posts of the target OPD.
type postMatch struct {
	// Exact is the known post the text names, case, spacing and
	// punctuation aside; "" when it names none.
	Exact string
	// Own is set when the text is the ASN's own post, exactly or mistyped.
	Own bool
	// Closest are known posts like the text, the most alike first.
	Closest []string
}

// matchPost compares a typed post with the known posts; own is the ASN's
// own post when the target OPD is their own, else "".
func matchPost(typed string, known []string, own string) postMatch {
	if own != "" && !slices.Contains(known, own) {
		known = append(slices.Clone(known), own)
	}
	t := normPost(typed)
	for _, p := range known {
		if normPost(p) == t {
			return postMatch{Exact: p, Own: p == own}
		}
	}
	type scored struct {
		post  string
		score float64
	}
	var near []scored
	for _, p := range known {
		if s := postSimilarity(t, normPost(p)); s >= suggestAt {
			near = append(near, scored{p, s})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	var m postMatch
	for _, n := range near[:min(len(near), maxSuggestions)] {
		m.Closest = append(m.Closest, n.post)
	}
	m.Own = own != "" && len(near) > 0 && near[0].post == own && near[0].score >= typoAt
	return m
}

// normPost writes a post's name in lower case, with single spaces between
// its words and no punctuation.
func normPost(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// postSimilarity is between 0 and 1: the better of the letters' edit
// distance (typos) and the share of words in common (words swapped, left
// out or added), where a word one letter off still counts.
func postSimilarity(a, b string) float64 {
	longest := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if longest == 0 {
		return 0
	}
	letters := 1 - float64(levenshtein.ComputeDistance(a, b))/float64(longest)
	return max(letters, wordsInCommon(strings.Fields(a), strings.Fields(b)))
}

// wordsInCommon is the Dice coefficient of two lists of words: twice the
// words matched, over all the words of both.
func wordsInCommon(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	used := make([]bool, len(b))
	matched := 0
	for _, w := range a {
		for i, v := range b {
			if !used[i] && sameWord(w, v) {
				used[i] = true
				matched++
				break
			}
		}
	}
	return 2 * float64(matched) / float64(len(a)+len(b))
}

// sameWord takes words of five letters or more one letter apart as the
// same word; shorter words must be equal ("muda" is not "madya").
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if min(utf8.RuneCountInString(a), utf8.RuneCountInString(b)) < 5 {
		return false
	}
	return levenshtein.ComputeDistance(a, b) <= 1
}

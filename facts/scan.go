package facts

import ()

// Hand-written scanners for the hottest patterns of page and fact
// extraction. Each one recognises exactly what the regexp it replaced (or
// guards) matches; they exist because Go's regexp engine, with no literal
// prefix to search for, tries every alternative at every position of a
// line, and profiles showed those regexps taking most of extraction time.

// isWordByte is an ASCII word character: what regexp's \b looks at.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isSpaceByte is regexp's \s: ASCII whitespace.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipSpaces(s string, j int) int {
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	return j
}

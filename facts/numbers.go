package facts

import (
	"strconv"
	"strings"
)

// ParseNumber reads a number written the Vietnamese way: '.' between
// thousands and ',' before decimals ("1.599", "52.680", "159,9",
// "1.234,5"), leading zeros allowed ("04"). A single '.' not followed by
// exactly three digits is read as a decimal point ("2.5"), and the English
// form with ',' thousands and a '.' decimal ("1,234.5") is accepted too.
// Anything else with separators ("024.3861.1245", "1,2,3") is not a number.
func ParseNumber(s string) (float64, bool) {
	if s == "" || len(s) > 40 {
		return 0, false
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != '.' && c != ',' {
			return 0, false
		}
		if (c == '.' || c == ',') && (i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1])) {
			return 0, false
		}
	}
	var intPart, frac string
	switch {
	case dots == 0 && commas == 0:
		intPart = s
	case commas == 0 && dots == 1 && len(s)-strings.IndexByte(s, '.')-1 != 3:
		intPart, frac, _ = strings.Cut(s, ".") // "2.5": a decimal point
	case commas <= 1 && (commas == 0 || strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.')):
		// Vietnamese: "1.599", "1.234,5", "159,9".
		intPart, frac, _ = strings.Cut(s, ",")
		if !groupedBy3(intPart, '.') {
			return 0, false
		}
	case dots <= 1 && commas >= 1 && (dots == 0 || strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',')):
		// English: "1,234,567", "1,234.5".
		intPart, frac, _ = strings.Cut(s, ".")
		if !groupedBy3(intPart, ',') {
			return 0, false
		}
	default:
		return 0, false
	}
	digits := s
	if dots+commas > 0 {
		// intPart without its group separators, then the fraction.
		b := make([]byte, 0, len(s))
		for i := 0; i < len(intPart); i++ {
			if c := intPart[i]; c != '.' && c != ',' {
				b = append(b, c)
			}
		}
		if frac != "" {
			b = append(b, '.')
			b = append(b, frac...)
		}
		digits = string(b)
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// groupedBy3 reports whether s is digits in groups of three after the first
// (1-3 digits), separated by sep; a plain digit run also qualifies.
func groupedBy3(s string, sep byte) bool {
	first := strings.IndexByte(s, sep)
	if first < 0 {
		return true
	}
	if first < 1 || first > 3 {
		return false
	}
	for rest := s[first+1:]; ; {
		i := strings.IndexByte(rest, sep)
		if i < 0 {
			return len(rest) == 3
		}
		if i != 3 {
			return false
		}
		rest = rest[i+1:]
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scaleWord is the multiplier a scale word stands for: nghìn/ngàn, triệu,
// tỷ/tỉ. Words are in normalised lowercase.
func scaleWord(w string) (float64, bool) {
	switch w {
	case "nghìn", "ngàn":
		return 1e3, true
	case "triệu":
		return 1e6, true
	case "tỷ", "tỉ":
		return 1e9, true
	}
	return 0, false
}

// Quantity is a number as written in running text, with its scale word
// and its qualifier: "trên 1.599", "khoảng 2,5 nghìn", "67,5 %".
type Quantity struct {
	Value     float64
	Percent   bool
	Qualifier string // "gt", "lt", "approx" or ""
}

// ParseQuantity reads a short phrase made of an optional qualifier, a
// number, an optional scale word and an optional '%'. It is the number
// reading of the metric extractor on its own, for callers and fuzzing.
func ParseQuantity(s string) (Quantity, bool) {
	toks := tokenize([]rune(strings.ToLower(strings.TrimSpace(s))))
	var q Quantity
	i := 0
	for i < len(toks) && toks[i].kind == tWord {
		if toks[i].s == "xấp" {
			i++
			continue
		}
		if ql := qualifierOf(toks[i].s); ql != "" {
			q.Qualifier = ql
			i++
			continue
		}
		return Quantity{}, false
	}
	if i >= len(toks) || toks[i].kind != tNum {
		return Quantity{}, false
	}
	v, ok := ParseNumber(toks[i].s)
	if !ok {
		return Quantity{}, false
	}
	i++
	if i < len(toks) && toks[i].kind == tWord {
		if m, ok := scaleWord(toks[i].s); ok {
			v *= m
			i++
		}
	}
	if i < len(toks) && toks[i].s == "%" {
		q.Percent = true
		i++
	}
	if i != len(toks) {
		return Quantity{}, false
	}
	q.Value = v
	return q, true
}

// qualifierOf maps a word before a number to a qualifier.
func qualifierOf(w string) string {
	switch w {
	case "trên", "hơn":
		return "gt"
	case "dưới":
		return "lt"
	case "gần", "khoảng", "ước", "xỉ", "chừng", "tầm": // "xỉ" of "xấp xỉ"
		return "approx"
	}
	return ""
}

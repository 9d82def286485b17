package portalsim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// hcm is the portals' time zone. Vietnam has had no daylight saving time
// since 1975, so a fixed +07:00 zone is exact when tzdata is missing.
var hcm = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("Asia/Ho_Chi_Minh", 7*3600)
}()

// vnInt writes n the Vietnamese way: 1599 -> "1.599".
func vnInt(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + vnInt(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// vnDec writes v rounded to prec decimals with ',' as the decimal mark and
// '.' between thousands; trailing zero decimals are dropped (100,0 -> 100).
func vnDec(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	n, _ := strconv.Atoi(intPart)
	if frac == "" {
		return vnInt(n)
	}
	return vnInt(n) + "," + frac
}

func round(v float64, prec int) float64 {
	p := math.Pow(10, float64(prec))
	return math.Round(v*p) / p
}

var weekdays = [...]string{"Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"}

// todayLine is the served-date header: "Hôm nay, Thứ ba ngày 02/03/2021".
func todayLine(t time.Time) string {
	return fmt.Sprintf("Hôm nay, %s ngày %s", weekdays[t.Weekday()], t.Format("02/01/2006"))
}

// dateLine is the Hanoi template's date and view line.
func dateLine(t time.Time, views int) string {
	return fmt.Sprintf("Ngày đăng %s | %s  | View count: %d", t.Format("02/01/2006"), t.Format("15:04"), views)
}

// asciiSlug makes the URL slug of a title: diacritics removed, đ -> d,
// lower case, runs of anything else turned into one '-'.
func asciiSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// toWindows1258 encodes s as Windows-1258 does for Vietnamese: the base
// letters â ă ê ô ơ ư đ are precomposed, every tone is a combining mark after
// its letter (ế -> ê + U+0301). Any rune outside the code page is an error.
func toWindows1258(s string) ([]byte, error) {
	runes := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(runes))
	for i := 0; i < len(runes); {
		base, j := runes[i], i+1
		var tones []rune
		for ; j < len(runes) && unicode.Is(unicode.Mn, runes[j]); j++ {
			m := runes[j]
			if m == '\u0302' || m == '\u0306' || m == '\u031B' {
				if c := []rune(norm.NFC.String(string([]rune{base, m}))); len(c) == 1 {
					base = c[0]
					continue
				}
			}
			tones = append(tones, m)
		}
		out = append(out, base)
		out = append(out, tones...)
		i = j
	}
	b, err := charmap.Windows1258.NewEncoder().Bytes([]byte(string(out)))
	if err != nil {
		return nil, fmt.Errorf("windows-1258: %w", err)
	}
	return b, nil
}

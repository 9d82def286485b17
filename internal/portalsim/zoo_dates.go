package portalsim

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// DateFormats are the date lines zoo portals write (one per portal; the
// English section always writes "publish-en"), by name, with an example
// each. They cover every format DESIGN.md lists.
func DateFormats() map[string]string { return maps.Clone(dateFormats) }

var dateFormats = map[string]string{
	"hanoi":         "Ngày đăng 07/06/2019 | 08:40",
	"publish-en":    "Publish date 07/06/2019 | 08:40",
	"sharepoint":    "14 Tháng Ba 2012 09:20:00 SA",
	"xuatban":       "Ngày xuất bản: 03/05/2018 08:30:12 SA",
	"capnhat":       "Ngày cập nhật 05/09/2020",
	"timefirst":     "08:15 12/03/2019",
	"dangngay":      "Đăng ngày 14/06/2016",
	"nukeviet":      "Thứ sáu - 07/06/2019 08:40",
	"weekday-comma": "Thứ Sáu, 07/06/2019, 08:40 (GMT+7)",
	"dash":          "07-06-2019 08:40",
	"paren":         "(07/06/2019 08:40)",
	"joomla":        "Thứ sáu, 07 Tháng 6 2019 08:40",
	"drupal":        "Gửi bởi quantri vào T6, 07/06/2019 - 08:40",
	"wp-vi":         "Tháng Sáu 7, 2019",
	"capnhatluc":    "Cập nhật lúc 08:40, 07/06/2019",
}

var vnMonths = [...]string{"Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"}

var shortWeekdays = [...]string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"}

func dateHasSeconds(format string) bool { return format == "sharepoint" || format == "xuatban" }

// clock12 writes t's time on a 12-hour clock with seconds and SA (sáng,
// a.m.) or CH (chiều, p.m.): "09:20:00 SA", "02:05:00 CH".
func clock12(t time.Time) string {
	h, ampm := t.Hour(), "SA"
	if h >= 12 {
		ampm = "CH"
	}
	if h %= 12; h == 0 {
		h = 12
	}
	return fmt.Sprintf("%02d:%02d:%02d %s", h, t.Minute(), t.Second(), ampm)
}

// formatDate writes t in format; dateOnly is true when it writes no time.
func formatDate(format string, t time.Time, poster string) (text string, dateOnly bool) {
	d, hm := t.Format("02/01/2006"), t.Format("15:04")
	wd := weekdays[t.Weekday()]
	switch format {
	case "hanoi":
		return "Ngày đăng " + d + " | " + hm, false
	case "publish-en":
		return "Publish date " + d + " | " + hm, false
	case "sharepoint":
		return fmt.Sprintf("%d Tháng %s %d %s", t.Day(), vnMonths[t.Month()-1], t.Year(), clock12(t)), false
	case "xuatban":
		return "Ngày xuất bản: " + d + " " + clock12(t), false
	case "capnhat":
		return "Ngày cập nhật " + d, true
	case "timefirst":
		return hm + " " + d, false
	case "dangngay":
		return "Đăng ngày " + d, true
	case "nukeviet":
		return wd + " - " + d + " " + hm, false
	case "weekday-comma":
		w, rest, _ := strings.Cut(wd, " ")
		if rest != "" {
			wd = w + " " + capFirst(rest)
		}
		return wd + ", " + d + ", " + hm + " (GMT+7)", false
	case "dash":
		return t.Format("02-01-2006 15:04"), false
	case "paren":
		return "(" + d + " " + hm + ")", false
	case "joomla":
		return fmt.Sprintf("%s, %02d Tháng %d %d %s", wd, t.Day(), int(t.Month()), t.Year(), hm), false
	case "drupal":
		return "Gửi bởi " + poster + " vào " + shortWeekdays[t.Weekday()] + ", " + d + " - " + hm, false
	case "wp-vi":
		return fmt.Sprintf("Tháng %s %d, %d", vnMonths[t.Month()-1], t.Day(), t.Year()), true
	case "capnhatluc":
		return "Cập nhật lúc " + hm + ", " + d, false
	}
	panic("portalsim: unknown date format " + format)
}

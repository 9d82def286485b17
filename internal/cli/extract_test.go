package cli

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestExtractCommand(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		stdin     string
		wantTitle string
		wantAt    any
	}{
		{"seed plain text", []string{"extract", "../../processor/testdata/thanhtri-2020-03-18.txt"}, "",
			"Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì", "2020-03-18T10:53:00+07:00"},
		{"html on stdin with url", []string{"extract", "--url", "https://sontay.hanoi.gov.vn/a/-/view_content/1-a.html", "-"},
			`<html><body><h1>Tiêu đề</h1><p>Toàn thị xã còn 312 hộ nghèo, giảm 85 hộ so với đầu năm.</p><p>Nguyễn Văn An</p></body></html>`,
			"Tiêu đề", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			root := NewRoot()
			root.SetArgs(tt.args)
			root.SetOut(&out)
			root.SetErr(&errOut)
			root.SetIn(strings.NewReader(tt.stdin))
			if err := root.Execute(); err != nil {
				t.Fatalf("%v: %s", err, errOut.String())
			}
			var got map[string]any
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
			}
			var keys []string
			for k := range got {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			want := []string{"authors", "body", "category", "district", "documents", "metrics", "periods", "province", "published_at", "report_period", "title", "views"}
			if !slices.Equal(keys, want) {
				t.Errorf("keys = %v, want %v", keys, want)
			}
			if got["title"] != tt.wantTitle || got["published_at"] != tt.wantAt {
				t.Errorf("title %v published_at %v, want %q %v", got["title"], got["published_at"], tt.wantTitle, tt.wantAt)
			}
			body := []rune(got["body"].(string))
			metrics := got["metrics"].([]any)
			if len(metrics) == 0 {
				t.Fatal("no metrics")
			}
			for _, m := range metrics {
				m := m.(map[string]any)
				for _, k := range []string{"value", "kind", "unit", "key", "target", "plan_percent", "qualifier", "change", "text", "start", "end"} {
					if _, ok := m[k]; !ok {
						t.Errorf("metric lacks %q: %v", k, m)
					}
				}
				s, e := int(m["start"].(float64)), int(m["end"].(float64))
				if string(body[s:e]) != m["text"] {
					t.Errorf("body[%d:%d] = %q, text %q", s, e, string(body[s:e]), m["text"])
				}
			}
		})
	}
}

func TestExtractCommandSeedFacts(t *testing.T) {
	var out bytes.Buffer
	if code := Execute([]string{"extract", "../../processor/testdata/thanhtri-2020-03-18.txt"}, &out, &out); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	s := out.String()
	for _, want := range []string{`"district": "Thanh Trì"`, `"province": "Hà Nội"`, `"code": "09-NQ/TU"`, `"date": "2012-02-27"`,
		`"name": "Hoàng Thị Thu Thủy"`, `"key": "party.new_members"`, `"views": 1759`} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if !utf8.ValidString(s) {
		t.Error("output is not UTF-8")
	}
}

package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dra-archive/dra/search/searchtest"
)

// TestSearchTrendsMetricsCommands runs dra search, trends and metrics
// against the API on a store of the simulated reports.
func TestSearchTrendsMetricsCommands(t *testing.T) {
	cli := apiCLI(t, append(searchtest.Fixtures(), searchtest.PortalArticles()...))
	run := func(args ...string) (string, int) {
		out, errOut, code := cli(args...)
		if code != 0 {
			t.Logf("dra %v: %s", args, errOut)
		}
		return out, code
	}

	out, code := run("trends", "party.new_members", "--by", "district", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 1+5*8 || rows[0][0] != "key" {
		t.Errorf("trends csv: code %d, %d rows, %v:\n%s", code, len(rows), err, out)
	}
	if out, code := run("trends", "budget.revenue", "--interval", "half", "--district", "Thanh Trì"); code != 0 || !strings.Contains(out, "-H1") {
		t.Errorf("trends table: code %d:\n%s", code, out)
	}
	if out, code := run("trends", "budget.revenue", "--by", "new_province"); code != 0 || !strings.Contains(out, "Hà Nội (new)") ||
		strings.Contains(out, "partial") {
		t.Errorf("trends by new province: code %d:\n%s", code, out)
	}
	if out, code := run("trends", "budget.revenue", "--by", "new_commune", "--unit", "old:district:020"); code != 0 ||
		!strings.Contains(out, "Xã Thanh Trì (new) *") || !strings.Contains(out, "partial") {
		t.Errorf("trends by new commune: code %d:\n%s", code, out)
	}
	if _, code := run("trends", "x", "--interval", "week"); code == 0 {
		t.Error("a bad interval did not fail")
	}
	out, code = run("metrics", "--format", "json")
	var cat struct {
		Metrics []struct {
			Key   string `json:"key"`
			Count int    `json:"count"`
		} `json:"metrics"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &cat) != nil || len(cat.Metrics) != 4 {
		t.Errorf("metrics json: code %d:\n%s", code, out)
	}
	if out, code := run("search", "--district", "Thanh Trì", "--facets", "year,category", "-n", "3", "dân vận khéo"); code != 0 ||
		!strings.Contains(out, "year:") || !strings.Contains(out, "Nâng cao năng lực") {
		t.Errorf("search table: code %d:\n%s", code, out)
	}
	if out, code := run("search", "--format", "csv", "-n", "5", "--district", "Sơn Tây"); code != 0 || strings.Count(out, "\n") != 6 {
		t.Errorf("search csv: code %d:\n%s", code, out)
	}
}

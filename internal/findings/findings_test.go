package findings

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ip(n int) *int { return &n }

// county is a small inspection: the check on 9月14日, weekly updates, the
// national 14-day veto, 30% originals.
func county() *Data {
	return &Data{
		CheckDate: day("2021-09-14"),
		Rules:     Rules{LateDays: 7, StaleDays: 14, MinOriginalPercent: 30, SiteLateDays: 14, SiteStaleDays: 60},
		Platforms: []string{"微博", "微信公众号"},
		Units: []Unit{
			{Name: "交通运输局", Kind: "县直部门", Site: &Site{LastUpdate: day("2021-09-10")}},
			{Name: "临沭街道", Kind: "街道", Site: &Site{LastUpdate: day("2021-09-13"), Errors: []ColumnError{{Column: "政务动态", Kind: "错别字"}}}},
			{Name: "店头镇", Kind: "镇", Site: &Site{LastUpdate: day("2021-06-01")}},
		},
		Accounts: []Account{
			{Unit: "交通运输局", Platform: "微信公众号", LastUpdate: day("2021-09-03")},
			{Unit: "店头镇", Platform: "微信公众号", LastUpdate: day("2021-09-05")},
			{Unit: "临沭街道", Platform: "微信公众号", LastUpdate: day("2021-09-07"), Posts: ip(10), Original: ip(3)},
			{Unit: "店头镇", Platform: "微博", LastUpdate: day("2021-08-20"), Posts: ip(10), Original: ip(2)},
		},
	}
}

func TestRules(t *testing.T) {
	m, issues := Evaluate(county())
	if len(issues) != 0 {
		t.Fatalf("issues: %v", issues)
	}
	// 11 days and 9 days: late; 7 days and exactly 30%: fine; 25 days and 20%.
	want := []string{"更新不及时", "更新不及时", "", "长期不更新、原创性不高"}
	for i, a := range m.Accounts {
		if got := Join(a.Problems); got != want[i] {
			t.Errorf("account %d (%s %s, %d days): problems %q, want %q", i, a.Unit, a.Platform, a.Days, got, want[i])
		}
	}
	if m.Accounts[2].Days != 7 {
		t.Errorf("days from 9月7日 to 9月14日 = %d, want 7", m.Accounts[2].Days)
	}
	if !m.Accounts[3].Veto || m.Accounts[0].Veto {
		t.Errorf("veto: only the 25-day account is 单项否决")
	}
	if m.Accounts[2].Verdict != Pass || m.Accounts[0].Verdict != Fail {
		t.Errorf("verdicts %s %s", m.Accounts[2].Verdict, m.Accounts[0].Verdict)
	}
	if got := Join(m.Unit("店头镇").Site.Problems); got != "长期不更新" {
		t.Errorf("店头镇 site problems %q, want 长期不更新 (105 days > 60)", got)
	}
	if got := Join(m.Unit("临沭街道").Site.Problems); got != "错别字" {
		t.Errorf("临沭街道 site problems %q, want 错别字 (an error in a column)", got)
	}
	if m.Unit("临沭街道").Verdict != Fail || m.Unit("店头镇").Verdict != Fail || m.Unit("交通运输局").Verdict != Fail || m.Unit("交通运输局").Site.Problems == nil {
		t.Errorf("unit verdicts wrong")
	}
	if got := ByUnit(m.Accounts[:2], m.Platforms) + "、" + ByUnit(m.Unit("店头镇").Accounts, m.Platforms); got != "交通运输局（微信公众号）、店头镇（微信公众号）、店头镇（微博、微信公众号）" {
		t.Errorf("ByUnit: %s", got)
	}
}

func TestExplicitOverridesAndWarns(t *testing.T) {
	d := county()
	d.Accounts[0].Problems = []string{}               // the clerk says: no problem
	d.Accounts[2].Problems = []string{"错别字"}          // a problem no rule measures: no warning
	d.Accounts[3].Problems = []string{"长期不更新", "错别字"} // 原创性不高 left out: a warning
	d.Accounts[1].Verdict = Pass
	m, issues := Evaluate(d)
	if len(m.Accounts[0].Problems) != 0 || m.Accounts[0].Verdict != Pass {
		t.Errorf("explicit empty problems must win: %v %s", m.Accounts[0].Problems, m.Accounts[0].Verdict)
	}
	if m.Accounts[1].Verdict != Pass {
		t.Errorf("explicit verdict must win")
	}
	var paths []string
	for _, is := range issues {
		if is.Severity != SevWarning {
			t.Errorf("unexpected error %v", is)
		}
		paths = append(paths, is.Path())
	}
	want := []string{"data.account[0].problems", "data.account[1].verdict", "data.account[3].problems"}
	if len(paths) != len(want) {
		t.Fatalf("warnings at %v, want %v", paths, want)
	}
	for i := range want {
		if paths[i] != want[i] {
			t.Errorf("warning %d at %s, want %s", i, paths[i], want[i])
		}
	}
}

func TestUnknownUnit(t *testing.T) {
	d := county()
	d.Accounts = append(d.Accounts, Account{Unit: "不存在局", Platform: "抖音"})
	m, issues := Evaluate(d)
	if len(issues) != 1 || issues[0].Severity != SevError || issues[0].Path() != "data.account[4].unit" {
		t.Fatalf("issues = %v", issues)
	}
	if len(m.Accounts) != 4 {
		t.Errorf("the account of an unknown unit must not be counted")
	}
}

func TestRate(t *testing.T) {
	for _, c := range []struct {
		num, den, dec int
		want          string
	}{
		{48, 51, 2, "94.12%"}, {48, 51, 0, "94%"}, {48, 51, 1, "94.1%"},
		{1, 8, 1, "12.5%"}, {1, 8, 0, "13%"}, // half up
		{1, 3, 2, "33.33%"}, {2, 3, 2, "66.67%"}, {51, 51, 2, "100.00%"}, {0, 0, 1, "0.0%"},
		{1, 200, 2, "0.50%"},
	} {
		if got := Rate(c.num, c.den, c.dec); got != c.want {
			t.Errorf("Rate(%d, %d, %d) = %s, want %s", c.num, c.den, c.dec, got, c.want)
		}
	}
}

func TestChinese(t *testing.T) {
	for n, want := range map[int]string{0: "零", 2: "二", 10: "十", 12: "十二", 20: "二十", 56: "五十六",
		100: "一百", 105: "一百零五", 110: "一百一十", 1001: "一千零一", 2021: "二千零二十一"} {
		if got := Chinese(n); got != want {
			t.Errorf("Chinese(%d) = %s, want %s", n, got, want)
		}
	}
	if Quantity(2) != "两" || Quantity(3) != "三" {
		t.Errorf("Quantity")
	}
}

// Impossible measurements are errors at their key; without a check date the
// rules measure no days.
func TestImpossibleData(t *testing.T) {
	d := county()
	d.Accounts[0].LastUpdate = day("2021-09-15") // the day after the check
	d.Accounts[2].Original = ip(11)              // more originals than posts
	d.Units[1].Site.LastUpdate = day("2021-10-01")
	_, issues := Evaluate(d)
	var got []string
	for _, is := range issues {
		if is.Severity == SevError {
			got = append(got, is.Path())
		}
	}
	want := "data.unit[1].site data.account[0].last_update data.account[2].original"
	if strings.Join(got, " ") != want {
		t.Errorf("errors at %v, want %s", got, want)
	}
	d = county()
	d.CheckDate = time.Time{}
	m, _ := Evaluate(d)
	for _, a := range m.Accounts {
		if a.Days != -1 || a.Has(ProblemLate) || a.Has(ProblemStale) {
			t.Errorf("without a check date no days are measured: %s %d %v", a.Unit, a.Days, a.Problems)
		}
	}
}

func TestBuildTableNeedsColumns(t *testing.T) {
	m, _ := Evaluate(county())
	var rows []*Row
	for _, u := range m.Units {
		rows = append(rows, &Row{Unit: u})
	}
	spec := &TableSpec{Groups: []GroupSpec{{Title: "镇", Kind: "镇街"}}, Total: "合计"}
	if _, err := BuildTable(spec, nil, rows, m.Platforms, nil); err == nil {
		t.Errorf("a table without columns must be refused, not panic")
	}
}

// TestMissingLastUpdate: an account or site without a last-update date,
// where the update rules need one, is an error at its record — the rules
// would otherwise find no problem and call it 合格 — unless the clerk says
// its problems (even none) or its verdict.
func TestMissingLastUpdate(t *testing.T) {
	d := county()
	d.Accounts[1].LastUpdate = time.Time{}
	d.Accounts[2].LastUpdate = time.Time{}
	d.Accounts[2].Problems = []string{} // the clerk says: no problem
	d.Accounts[3].LastUpdate = time.Time{}
	d.Accounts[3].Verdict = Fail
	d.Units[2].Site.LastUpdate = time.Time{}
	_, issues := Evaluate(d)
	var got []string
	for _, is := range issues {
		if is.Severity == SevError {
			got = append(got, is.Path())
			if !strings.Contains(is.Message, "last_update") || !strings.Contains(is.Message, "problems") {
				t.Errorf("%s: the message must name both fixes: %s", is.Path(), is.Message)
			}
		}
	}
	if want := "data.unit[2].site.last_update data.account[1].last_update"; strings.Join(got, " ") != want {
		t.Errorf("errors at %v, want %s", got, want)
	}

	// No update rule: nothing needs the date.
	d.Rules.LateDays, d.Rules.StaleDays, d.Rules.SiteLateDays, d.Rules.SiteStaleDays = 0, 0, 0, 0
	if _, issues := Evaluate(d); len(issues) != 0 {
		t.Errorf("without update rules a missing date is fine: %v", issues)
	}
}

// TestEditDistance: textbook values of the optimal-string-alignment
// distance, counted in characters (a Chinese character is one).
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"kitten", "sitting", 3}, {"", "abc", 3}, {"ca", "ac", 1}, {"byunti", "byunit", 1},
		{"更新不及", "更新不及时", 1}, {"标题", "标题", 0}, {"abcd", "badc", 2},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got := Nearest("byunti", []string{"byunit", "count"}); got != "byunit" {
		t.Errorf("Nearest = %q, want byunit", got)
	}
}

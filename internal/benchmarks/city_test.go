package benchmarks

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/source"
)

// A generated notice passes the checks and composes to a statistics table
// with one row per account, every account of every unit, in the order of
// the units; the text counts them.
func TestCityComposes(t *testing.T) {
	for _, n := range []int{1, 7, 60} {
		data := City(CityOptions{Accounts: n, Seal: "seal-sample.png"})
		f := source.Parse("city.toml", data, source.Options{Dir: samples})
		if f.Diags.HasErrors() {
			t.Fatalf("%d accounts: %s", n, f.Diags)
		}
		d, err := compose.Compose(f.Notice, compose.Options{Dir: samples})
		if err != nil {
			t.Fatalf("%d accounts: %v", n, err)
		}
		if d.Signature.Seal == nil {
			t.Errorf("%d accounts: no seal", n)
		}
		var tables []*doc.Table
		for _, a := range d.Attachments {
			for _, b := range a.Blocks {
				if tb, ok := b.(*doc.Table); ok {
					tables = append(tables, tb)
				}
			}
		}
		if len(tables) != 1 {
			t.Fatalf("%d accounts: %d tables in the attachments, want 1", n, len(tables))
		}
		// Account rows are those that are neither a group title (one cell
		// across the table) nor the total.
		tb := tables[0]
		nameCol, platCol := column(t, tb, "账号名称"), column(t, tb, "平台")
		var accounts []string
		for _, r := range tb.Rows {
			if r[0].ColSpan == len(tb.Columns) || r[0].Text == "合计" {
				continue
			}
			accounts = append(accounts, r[nameCol].Text+"/"+r[platCol].Text)
		}
		want := map[string]bool{}
		for _, a := range f.Notice.Data.Accounts {
			want[a.DisplayName()+"/"+a.Platform] = true
		}
		if len(accounts) != n || len(want) != n {
			t.Errorf("%d accounts: the table has %d account rows, the data %d distinct accounts", n, len(accounts), len(want))
		}
		for _, a := range accounts {
			if !want[a] {
				t.Errorf("%d accounts: table row %s is not in the data", n, a)
			}
		}
		if text := bodyText(d); !strings.Contains(text, "和"+strconv.Itoa(n)+"个政务新媒体") {
			t.Errorf("%d accounts: the text does not count them", n)
		}
	}
}

// The same options give the same bytes; more accounts give more units.
func TestCityDeterministic(t *testing.T) {
	a, b := City(CityOptions{Accounts: 300}), City(CityOptions{Accounts: 300})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	units := func(b []byte) int { return bytes.Count(b, []byte("[[data.unit]]")) }
	if got, want := units(a), (300+PerUnit-1)/PerUnit; got != want {
		t.Errorf("300 accounts: %d units, want %d", got, want)
	}
	if got := bytes.Count(a, []byte("[[data.account]]")); got != 300 {
		t.Errorf("300 accounts: %d [[data.account]] tables", got)
	}
}

// Unit names stay distinct far beyond a city's size.
func TestCityUnitsDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, u := range cityUnits(5000) {
		if seen[u.name] {
			t.Fatalf("unit %s twice", u.name)
		}
		seen[u.name] = true
	}
}

func bodyText(d *doc.Document) string {
	var sb strings.Builder
	for _, b := range d.Body {
		if p, ok := b.(*doc.Paragraph); ok {
			for _, r := range p.Runs {
				sb.WriteString(r.Text)
			}
		}
	}
	return sb.String()
}

// column is the index of the column headed name (in any header row).
func column(t *testing.T, tb *doc.Table, name string) int {
	t.Helper()
	for _, row := range tb.Header {
		for c, cell := range row {
			if !cell.Covered && cell.Text == name {
				return c
			}
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

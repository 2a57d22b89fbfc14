package expr

import (
	"fmt"
	"reflect"
	"strings"
	"text/template"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/findings"
)

// TableInput is a table to build from data, with the file positions of its
// expressions (zero positions where unknown).
type TableInput struct {
	Spec    *findings.TableSpec
	Columns []findings.Column
	// FromLoc locates Spec.From in the file; ValueLoc and TotalLoc each
	// column's Value and Total (indexed by column). Nil: unknown.
	FromLoc  Locator
	ValueLoc []Locator
	TotalLoc []Locator
}

func locAt(ls []Locator, i int) Locator {
	if i < len(ls) && ls[i] != nil {
		return ls[i]
	}
	return func(int) Pos { return Pos{} }
}

// Table builds a data table: rows from Spec.From, cells from each column's
// field or value template (over the row: .Seq, .Unit, .Account, .Group),
// totals evaluated over the notice.
func (e *Env) Table(in TableInput) (*doc.Table, error) {
	v, err := e.ValueLoc(in.Spec.From, locAt([]Locator{in.FromLoc}, 0))
	if err != nil {
		return nil, err
	}
	var rows []*findings.Row
	switch v := v.(type) {
	case Accounts:
		for _, a := range v {
			rows = append(rows, &findings.Row{Account: a, Unit: a.Owner})
		}
	case Units:
		for _, u := range v {
			rows = append(rows, &findings.Row{Unit: u})
		}
	case Groups:
		for i := range v {
			rows = append(rows, &findings.Row{Group: &v[i]})
		}
	default:
		return nil, newError(locAt([]Locator{in.FromLoc}, 0)(0), fmt.Sprintf("表格的 from 应给出账号集合、单位集合或分组（如 accounts、units、groupby \"platform\" (accounts)），不能是 %s", describe(v)))
	}
	cols := append([]findings.Column(nil), in.Columns...)
	tmpls := make([]*template.Template, len(cols))
	for i, c := range cols {
		if c.Total != "" && Has(c.Total) {
			s, err := e.TextLoc(c.Total, locAt(in.TotalLoc, i))
			if err != nil {
				return nil, err
			}
			cols[i].Total = s
		}
		if c.Field == "" && Has(c.Value) {
			t, err := e.parse(c.Value, locAt(in.ValueLoc, i), nil, reflect.TypeFor[*findings.Row]())
			if err != nil {
				return nil, err
			}
			tmpls[i] = t
		}
	}
	value := func(i int, r *findings.Row) (string, error) {
		if tmpls[i] == nil {
			return cols[i].Value, nil
		}
		var b strings.Builder
		if err := tmpls[i].Execute(&b, r); err != nil {
			return "", e.mapErr(err, cols[i].Value, locAt(in.ValueLoc, i))
		}
		return b.String(), nil
	}
	t, err := findings.BuildTable(in.Spec, cols, rows, e.m.Platforms, value)
	if err != nil {
		if _, ok := err.(*Error); ok {
			return nil, err
		}
		return nil, newError(locAt([]Locator{in.FromLoc}, 0)(0), err.Error())
	}
	return t, nil
}

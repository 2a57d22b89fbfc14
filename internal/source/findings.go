package source

import (
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/internal/findings"
)

// Data is [data]: the findings of the inspection (package findings says
// what each key records; docs/data.md shows how to write it).
type Data = findings.Data

// DataTable is what a table adds to be built from [data]: from, groups,
// sort, total.
type DataTable = findings.TableSpec

// DataColumn is what a column adds to be filled from [data]: group, field,
// value, merge, ok, decimals, total.
type DataColumn = findings.ColumnSpec

// IsExprKey reports whether the string at path is evaluated per table row
// (a column's value) or is itself an expression (a table's from), rather than
// text whose {{…}} are evaluated where it stands.
func IsExprKey(path string) bool {
	k := path
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		k = k[i+1:]
	}
	return k == "value" || k == "from" || k == "field" || strings.HasPrefix(path, "data.") || path == "data"
}

// TableInput is the data table t as package expr builds it (positions left
// for the caller).
func TableInput(t *Table) expr.TableInput {
	in := expr.TableInput{Spec: &t.DataTable}
	for _, c := range t.Columns {
		in.Columns = append(in.Columns, findings.Column{Name: c.Name, Width: c.Width, Align: doc.Align(c.Align), ColumnSpec: c.DataColumn})
	}
	return in
}

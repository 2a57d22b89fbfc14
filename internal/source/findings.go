package source

import (
	"errors"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/internal/findings"
)

// Data is [data]: the findings of the inspection (package findings says
// what each key records; docs/format.md 的“检查数据”一节 shows how to write it).
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
	k := lastKey(path)
	return k == "value" || k == "from" || k == "field" || strings.HasPrefix(path, "data.") || path == "data"
}

// MapStrings calls fn for every string in v (a notice or a part of it) with
// its path, as Strings does, and stores what fn returns in its place. v must
// be addressable. It stops at the first error.
func MapStrings(path string, v reflect.Value, fn func(path, s string) (string, error)) error {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			return MapStrings(path, v.Elem(), fn)
		}
	case reflect.String:
		s, err := fn(path, v.String())
		if err != nil {
			return err
		}
		if v.CanSet() {
			v.SetString(s)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := MapStrings(indexPath(path, i), v.Index(i), fn); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return nil
		}
		for _, f := range fields(v.Type()) {
			fv := v
			for _, i := range f.index {
				fv = fv.Field(i)
			}
			if err := MapStrings(joinPath(path, f.key), fv, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// Locate returns a function mapping a byte offset in s, the string written
// at path, to its place in the file (exact even where the file escapes
// characters); when path holds no such string, offsets count from the
// value's start.
func (in *Input) Locate(path, s string) func(off int) expr.Pos {
	ws, offs, ok := in.Pos.String(path)
	if !ok || ws != s {
		start := in.Pos.Nearest(path)
		return func(off int) expr.Pos {
			return expr.Pos(start) // the value; better than nothing
		}
	}
	return func(off int) expr.Pos {
		if off > len(s) {
			off = len(s)
		}
		i := utf8.RuneCountInString(s[:off])
		if i >= len(offs) {
			if len(offs) == 0 {
				return expr.Pos(in.Pos.Nearest(path))
			}
			p := in.Pos.At(offs[len(offs)-1])
			return expr.Pos{Line: p.Line, Col: p.Col + 1}
		}
		return expr.Pos(in.Pos.At(offs[i]))
	}
}

// checkFindings: the data (units named twice, accounts of unknown units, and
// as warnings explicit verdicts the rules disagree with), the template the
// notice names, and every expression in the notice's text and data tables,
// each at its place.
func checkFindings(in *Input) []Diagnostic {
	var ds []Diagnostic
	n := in.Notice
	data := n.Data
	if n.Template != "" {
		t, err := LoadTemplate(n.Template)
		if err != nil {
			return append(ds, in.Errorf("template", "%s", err.Error()))
		}
		data = MergeData(t.Data, n.Data)
	}
	var model *findings.Model
	if data != nil {
		m, issues := findings.Evaluate(data)
		model = m
		for _, is := range issues {
			sev := Error
			if is.Severity == findings.SevWarning {
				sev = Warning
			}
			p := is.Path()
			if in.Failed(p) {
				continue
			}
			ds = append(ds, in.At(in.Pos.Nearest(p), sev, "%s", is.Message))
		}
	}
	env := expr.New(model)
	report := func(err error, path string) {
		var xe *expr.Error
		if errors.As(err, &xe) {
			ds = append(ds, in.At(Pos(xe.Pos), Error, "%s", xe.Msg))
			return
		}
		ds = append(ds, in.Errorf(path, "%s", err.Error()))
	}
	Strings("", reflectValue(n), func(path, s string) {
		if IsExprKey(path) || !expr.Has(s) || in.Failed(path) {
			return
		}
		if _, err := env.TextLoc(s, in.Locate(path, s)); err != nil {
			report(err, path)
		}
	})
	tables(n, func(path string, t *Table) {
		if t.From == "" {
			return
		}
		if len(t.Rows) > 0 {
			ds = append(ds, in.KeyErrorf(path+".rows", "表格写了 from（由检查数据生成各行），就不能再写 rows：请删去其中之一"))
		}
		if data == nil {
			ds = append(ds, in.KeyErrorf(path+".from", "表格由检查数据生成（from），但本通报没有 [data]：请写 [data] 及其单位、账号"))
			return
		}
		tin := TableInput(t)
		tin.FromLoc = in.Locate(path+".from", t.From)
		for i := range t.Columns {
			cp := indexPath(path+".columns", i)
			if f := t.Columns[i].Field; f != "" && !containsString(findings.Fields, f) {
				ds = append(ds, in.Errorf(cp+".field", "没有名为“%s”的字段：可用的有 %s", f, strings.Join(findings.Fields, "、")))
				return
			}
			tin.ValueLoc = append(tin.ValueLoc, in.Locate(cp+".value", t.Columns[i].Value))
			tin.TotalLoc = append(tin.TotalLoc, in.Locate(cp+".total", t.Columns[i].Total))
		}
		if _, err := env.Table(tin); err != nil {
			report(err, path+".from")
		}
	})
	return ds
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
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

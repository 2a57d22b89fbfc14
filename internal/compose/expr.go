package compose

import (
	"fmt"
	"reflect"

	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/internal/findings"
	"github.com/gongwen/gongwen/internal/source"
)

// Prepare returns the notice ready to compose as written text: merged over
// its template (source.ApplyTemplate), every {{…}} expression in its text
// evaluated over its [data], and every table built from data (its cells in
// Table.Built, its columns repeated when records stand side by side). n
// itself is not changed. Errors name the key path;
// the checker (source) reports the same errors at their line and column.
func Prepare(n *source.Notice) (*source.Notice, error) { return prepare(n, nil) }

// prepare is Prepare, from what the checks prepared when pre is not nil:
// the merged notice and the model of its data are then taken as they are,
// not worked out again.
func prepare(n *source.Notice, pre *source.Prepared) (*source.Notice, error) {
	var out *source.Notice
	var model *findings.Model
	if pre != nil {
		out = deepCopy(reflect.ValueOf(pre.Notice)).Interface().(*source.Notice)
		model = pre.Model
	} else {
		merged, err := source.ApplyTemplate(n)
		if err != nil {
			return nil, err
		}
		out = deepCopy(reflect.ValueOf(merged)).Interface().(*source.Notice)
		out.Data = source.NoticeData(out)
		if out.Data != nil {
			m, issues := findings.Evaluate(out.Data)
			for _, is := range issues {
				if is.Severity == findings.SevError {
					return nil, fmt.Errorf("检查数据有误（%s）：%s", is.Path(), is.Message)
				}
			}
			model = m
		}
	}
	env := expr.New(model)
	err := source.EditStrings("", reflect.ValueOf(out).Elem(), func(path, s string) (string, error) {
		if source.IsExprKey(path) || !expr.Has(s) {
			return s, nil
		}
		v, err := env.Text(s, expr.Pos{Line: 1, Col: 1})
		if err != nil {
			return "", fmt.Errorf("%s 中的表达式有误：%w", path, err)
		}
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	var tableErr error
	source.Tables(out, func(path string, t *source.Table) {
		if t.From == "" || tableErr != nil {
			return
		}
		built, err := env.Table(source.TableInput(t))
		if err != nil {
			tableErr = fmt.Errorf("%s 由检查数据生成时出错：%w", path, err)
			return
		}
		one := t.Columns // side by side (across): the columns repeat
		for len(t.Columns) < len(built.Columns) {
			t.Columns = append(t.Columns[:len(t.Columns):len(t.Columns)], one...)
		}
		t.DataTable = source.DataTable{Built: built}
	})
	if tableErr != nil {
		return nil, tableErr
	}
	return out, nil
}

// deepCopy copies pointers, slices and maps so that the copy shares no
// memory the caller can see changed; unexported fields (time.Time's) are
// copied by value.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Elem().Type())
		p.Elem().Set(deepCopy(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			s.Index(i).Set(deepCopy(v.Index(i)))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			m.SetMapIndex(iter.Key(), deepCopy(iter.Value()))
		}
		return m
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if s.Field(i).CanSet() {
				s.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return s
	}
	return v
}

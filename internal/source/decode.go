package source

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/internal/findings"
)

// decoder fills a Go value from the tree BurntSushi/toml parses a file into,
// by reflection over the struct's toml tags. Unlike toml.Decode it does not
// stop at the first mismatch: every wrong type and every unknown key becomes
// a diagnostic at its place, and decoding goes on with the rest. A field added
// to Notice (or to any struct below it) is known at once.
type decoder struct {
	pos    *Positions
	diags  []Diagnostic
	failed map[string]bool // paths whose value could not be decoded
	keys   map[reflect.Type]map[string]field
}

func (d *decoder) errorf(at Pos, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{Line: at.Line, Col: at.Col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

var (
	timeType            = reflect.TypeOf(time.Time{})
	unmarshalerType     = reflect.TypeOf((*toml.Unmarshaler)(nil)).Elem()
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// field is one TOML key of a struct, embedded structs flattened.
type field struct {
	key   string
	index []int
}

// fields lists the TOML keys of struct type t in declaration order.
func fields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			for _, sub := range fields(f.Type) {
				out = append(out, field{key: sub.key, index: append([]int{i}, sub.index...)})
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, field{key: tag, index: []int{i}})
	}
	return out
}

// KnownKeys lists the keys a table of struct type t accepts, in declaration
// order.
func KnownKeys(t reflect.Type) []string {
	var keys []string
	for _, f := range fields(t) {
		keys = append(keys, f.key)
	}
	return keys
}

// typeName says in Chinese what a clerk writes for a Go type.
func typeName(t reflect.Type) string {
	if reflect.PointerTo(t).Implements(unmarshalerType) && t.Kind() == reflect.Slice {
		return "文字（用英文双引号括起），或文字组成的数组"
	}
	switch t.Kind() {
	case reflect.String:
		return "文字（用英文双引号括起，如 \"……\"）"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数（不加引号，如 31）"
	case reflect.Float32, reflect.Float64:
		return "数字（不加引号，如 2.5）"
	case reflect.Bool:
		return "true 或 false（不加引号）"
	case reflect.Slice, reflect.Array:
		return "数组（[…]）"
	case reflect.Map:
		return "表（[名称] 或 {…}）"
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.Struct:
		if t == timeType {
			return "日期（不加引号，如 2021-09-22）"
		}
		return "表（[名称] 或 {…}）"
	}
	return t.String()
}

// valueName says in Chinese what was written.
func valueName(v any) string {
	switch v := v.(type) {
	case string:
		if len([]rune(v)) > 20 {
			v = string([]rune(v)[:20]) + "……"
		}
		return fmt.Sprintf("文字 %q", v)
	case int64:
		return fmt.Sprintf("整数 %d", v)
	case float64:
		return fmt.Sprintf("数字 %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case time.Time:
		return "日期或时间"
	case []any, []map[string]any:
		return "数组"
	case map[string]any:
		return "表"
	}
	return fmt.Sprintf("%T", v)
}

func lastKey(path string) string {
	p := parentPath(path)
	k := strings.TrimPrefix(path[len(p):], ".")
	if strings.HasPrefix(k, "[") { // an array element: name the array
		return lastKey(p) + k
	}
	return k
}

func (d *decoder) mismatch(path string, v any, t reflect.Type) {
	d.failed[path] = true
	hint := ""
	switch v := v.(type) {
	case string:
		switch t.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
			hint = "：去掉引号，直接写数字"
		case reflect.Bool:
			hint = "：去掉引号，写 true 或 false"
		case reflect.Struct:
			if t == timeType {
				hint = "：去掉引号，写成 2021-09-22 的形式"
			}
		case reflect.Slice:
			hint = fmt.Sprintf("：写成 [%q]", v)
		}
	case int64, float64:
		if t.Kind() == reflect.String {
			hint = "：文字要用英文双引号括起"
		}
	}
	d.errorf(d.pos.Nearest(path), "“%s”应为%s，这里写的是%s%s", lastKey(path), typeName(t), valueName(v), hint)
}

// decode stores v (from the parsed tree) into rv, which is settable.
func (d *decoder) decode(path string, v any, rv reflect.Value) {
	t := rv.Type()
	if rv.CanAddr() {
		if u, ok := rv.Addr().Interface().(toml.Unmarshaler); ok {
			if err := u.UnmarshalTOML(v); err != nil {
				d.failed[path] = true
				d.errorf(d.pos.Nearest(path), "“%s”%s", lastKey(path), err.Error())
			}
			return
		}
		if u, ok := rv.Addr().Interface().(encoding.TextUnmarshaler); ok && t != timeType {
			s, ok := v.(string)
			if !ok {
				d.mismatch(path, v, t)
				return
			}
			if err := u.UnmarshalText([]byte(s)); err != nil {
				d.failed[path] = true
				d.errorf(d.pos.Nearest(path), "“%s”%s", lastKey(path), err.Error())
			}
			return
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		nv := reflect.New(t.Elem())
		d.decode(path, v, nv.Elem())
		rv.Set(nv)
	case reflect.Interface:
		if v != nil && reflect.TypeOf(v).AssignableTo(t) {
			rv.Set(reflect.ValueOf(v))
		}
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		if rv.OverflowInt(n) {
			d.errorf(d.pos.Nearest(path), "“%s”的数字 %d 太大", lastKey(path), n)
			return
		}
		rv.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(int64)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		if n < 0 || rv.OverflowUint(uint64(n)) {
			d.errorf(d.pos.Nearest(path), "“%s”的数字 %d 超出范围", lastKey(path), n)
			return
		}
		rv.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		switch n := v.(type) {
		case int64:
			rv.SetFloat(float64(n))
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				d.errorf(d.pos.Nearest(path), "“%s”应为普通的数字，如 2.5", lastKey(path))
				return
			}
			rv.SetFloat(n)
		default:
			d.mismatch(path, v, t)
		}
	case reflect.Slice:
		var elems []any
		switch a := v.(type) {
		case []any:
			elems = a
		case []map[string]any:
			for _, m := range a {
				elems = append(elems, m)
			}
		default:
			d.mismatch(path, v, t)
			return
		}
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			d.decode(indexPath(path, i), e, s.Index(i))
		}
		rv.Set(s)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			d.mismatch(path, v, t)
			return
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for _, k := range sortedKeys(m) {
			ev := reflect.New(t.Elem()).Elem()
			d.decode(joinPath(path, k), m[k], ev)
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		rv.Set(out)
	case reflect.Struct:
		if t == timeType {
			tv, ok := v.(time.Time)
			if !ok {
				d.mismatch(path, v, t)
				return
			}
			rv.Set(reflect.ValueOf(tv))
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		d.decodeStruct(path, m, rv)
	default:
		d.errorf(d.pos.Nearest(path), "“%s”：无法读取（程序不支持 %s 类型）", lastKey(path), t)
	}
}

func (d *decoder) decodeStruct(path string, m map[string]any, rv reflect.Value) {
	// The keys of each struct type, worked out once a run: a notice has
	// hundreds of accounts.
	byKey, ok := d.keys[rv.Type()]
	if !ok {
		fs := fields(rv.Type())
		byKey = make(map[string]field, len(fs))
		for _, f := range fs {
			byKey[f.key] = f
		}
		if d.keys == nil {
			d.keys = map[reflect.Type]map[string]field{}
		}
		d.keys[rv.Type()] = byKey
	}
	for _, k := range sortedKeys(m) {
		p := joinPath(path, k)
		f, ok := byKey[k]
		if !ok {
			d.unknown(p, k, KnownKeys(rv.Type()))
			continue
		}
		fv := rv
		for _, i := range f.index {
			fv = fv.Field(i)
		}
		d.decode(p, m[k], fv)
	}
}

// unknown reports a key the schema does not have, suggesting the nearest
// known one.
func (d *decoder) unknown(path, key string, known []string) {
	at := d.pos.NearestKey(path)
	table := parentPath(path)
	where := "最外层"
	if table != "" {
		where = " [" + stripIndexes(table) + "] 中"
	}
	homes := keyHomes()
	if home, ok := homes[key]; ok && home != stripIndexes(table) {
		d.errorf(at, "“%s”不能写在%s，应写在 %s 中", key, where, headerName(home))
		return
	}
	if s := Suggest(key, known); s != "" {
		d.errorf(at, "不认识的键“%s”。你是不是想写“%s”？", key, s)
		return
	}
	all := make([]string, 0, len(homes))
	for k := range homes {
		all = append(all, k)
	}
	sort.Strings(all)
	if s := Suggest(key, all); s != "" && findings.EditDistance(strings.ToLower(key), s) <= 2 {
		d.errorf(at, "不认识的键“%s”。你是不是想写“%s”（写在 %s 中）？", key, s, headerName(homes[s]))
		return
	}
	d.errorf(at, "不认识的键“%s”。%s可写的键：%s（见 docs/format.md）", key, strings.TrimSpace(where), strings.Join(known, "、"))
}

// keyHomes maps every key of the schema to the table (as a header names it,
// "" for the top level) where it belongs: the shallowest one when several
// tables have it.
func keyHomes() map[string]string {
	type level struct {
		t    reflect.Type
		path string
	}
	homes := map[string]string{}
	queue := []level{{reflect.TypeOf(Notice{}), ""}}
	seen := map[reflect.Type]bool{}
	for len(queue) > 0 {
		l := queue[0]
		queue = queue[1:]
		if seen[l.t] {
			continue
		}
		seen[l.t] = true
		for _, f := range fields(l.t) {
			if _, ok := homes[f.key]; !ok {
				homes[f.key] = l.path
			}
			ft := l.t.FieldByIndex(f.index).Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != timeType {
				queue = append(queue, level{ft, joinPath(l.path, f.key)})
			}
		}
	}
	return homes
}

// headerName writes a table path as a clerk sees it: [main], or 最外层.
func headerName(path string) string {
	if path == "" {
		return "最外层"
	}
	return "[" + path + "]"
}

// stripIndexes turns main.section[1].section[0] into main.section.section,
// the way a table header names it.
func stripIndexes(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Suggest returns the known key nearest to key by edit distance, or "" when
// none is near enough to be a likely typo.
func Suggest(key string, known []string) string {
	best, bestD := "", math.MaxInt
	for _, k := range known {
		if dist := findings.EditDistance(strings.ToLower(key), k); dist < bestD {
			best, bestD = k, dist
		}
	}
	limit := 2
	if n := len([]rune(key)); n <= 4 {
		limit = 1
	} else if n > 8 {
		limit = 3
	}
	if bestD <= limit {
		return best
	}
	// A known key contained in the written one (titles → title) also counts.
	for _, k := range known {
		if len(k) >= 4 && (strings.Contains(key, k) || strings.Contains(k, key) && len(key) >= 4) {
			return k
		}
	}
	return ""
}

package expr

import (
	"fmt"
	"reflect"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/gongwen/gongwen/internal/findings"
)

// checkFields finds, without running anything, a field that does not exist
// on the value it is taken from — also inside {{if}} and {{range}} that the
// data never enters, where running the template would not notice. It returns
// the node's byte offset and the message text/template would give, or -1.
//
// Types flow through the pipeline as text/template passes values: the
// functions' declared result types, filters keeping the type of the set they
// filter, range and with changing the type of dot. Where a type cannot be
// known (index, a value of interface type) checking stops quietly.
func (e *Env) checkFields(t *template.Template, text string, dot reflect.Type) (int, string) {
	if t.Tree == nil || t.Tree.Root == nil {
		return -1, ""
	}
	c := &typeChecker{e: e, text: text, vars: map[string]reflect.Type{"$": dot}, off: -1}
	c.list(t.Tree.Root, dot)
	return c.off, c.msg
}

type typeChecker struct {
	e    *Env
	text string
	vars map[string]reflect.Type
	off  int
	msg  string
}

// filters return their set's type (they are declared to return any).
var filters = map[string]bool{"verdict": true, "problem": true, "platform": true, "kind": true, "of": true, "except": true, "bykind": true}

// failAt records the first error at node n, with a message of our own.
func (c *typeChecker) failAt(n parse.Node, msg string) {
	if c.off < 0 {
		c.off = int(n.Position())
		c.msg = msg
	}
}

// fail records the first error: at ".name" in the action holding node n
// (a chain's node position is that of its second element, not the one that
// failed).
func (c *typeChecker) fail(n parse.Node, name, format string, args ...any) {
	if c.off >= 0 {
		return
	}
	c.off = int(n.Position())
	c.msg = fmt.Sprintf(format, args...)
	if c.off > len(c.text) {
		return
	}
	start := strings.LastIndex(c.text[:c.off], "{{")
	if start < 0 {
		start = 0
	}
	if i := wordIndex(c.text[start:], "."+name); i >= 0 {
		c.off = start + i
	} else if i := strings.Index(c.text[start:], "."+name); i >= 0 {
		c.off = start + i
	}
}

func (c *typeChecker) list(l *parse.ListNode, dot reflect.Type) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n, dot)
	}
}

func (c *typeChecker) node(n parse.Node, dot reflect.Type) {
	switch n := n.(type) {
	case *parse.ActionNode:
		t := c.pipe(n.Pipe, dot)
		if len(n.Pipe.Decl) == 0 {
			if what := unprintable(t); what != "" {
				c.failAt(n, what)
			}
		}
	case *parse.IfNode:
		c.pipe(n.Pipe, dot)
		c.scoped(func() { c.list(n.List, dot) })
		c.scoped(func() { c.list(n.ElseList, dot) })
	case *parse.WithNode:
		t := c.pipe(n.Pipe, dot)
		c.scoped(func() { c.list(n.List, t) })
		c.scoped(func() { c.list(n.ElseList, dot) })
	case *parse.RangeNode:
		t := c.pipe(n.Pipe, dot)
		if t != nil && t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64 {
			// range 100000000 would run for ever and print nothing useful.
			c.failAt(n.Pipe, "range 只能用于集合（账号、单位、分组……），不能用于数字")
			return
		}
		elem := elemType(t)
		c.scoped(func() {
			switch len(n.Pipe.Decl) {
			case 1:
				c.vars[n.Pipe.Decl[0].Ident[0]] = elem
			case 2:
				c.vars[n.Pipe.Decl[0].Ident[0]] = reflect.TypeFor[int]()
				c.vars[n.Pipe.Decl[1].Ident[0]] = elem
			}
			c.list(n.List, elem)
		})
		c.scoped(func() { c.list(n.ElseList, dot) })
	}
}

func (c *typeChecker) scoped(f func()) {
	saved := make(map[string]reflect.Type, len(c.vars))
	for k, v := range c.vars {
		saved[k] = v
	}
	f()
	c.vars = saved
}

func elemType(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return t.Elem()
	}
	return nil
}

// pipe types a pipeline; with dot nil it only computes the type.
func (c *typeChecker) pipe(p *parse.PipeNode, dot reflect.Type) reflect.Type {
	if p == nil {
		return nil
	}
	var t reflect.Type
	for i, cmd := range p.Cmds {
		var piped reflect.Type
		if i > 0 {
			piped = t
		}
		t = c.command(cmd, dot, piped, i > 0)
	}
	if len(p.Decl) == 1 && !p.IsAssign {
		c.vars[p.Decl[0].Ident[0]] = t
	}
	return t
}

func (c *typeChecker) command(cmd *parse.CommandNode, dot, piped reflect.Type, hasPiped bool) reflect.Type {
	if len(cmd.Args) == 0 {
		return nil
	}
	for _, a := range cmd.Args[1:] {
		c.arg(a, dot)
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		last := piped
		if !hasPiped && len(cmd.Args) > 1 {
			last = c.arg(cmd.Args[len(cmd.Args)-1], dot)
		}
		return c.call(id.Ident, last)
	}
	return c.arg(cmd.Args[0], dot)
}

// call is the result type of function name whose last argument has type last.
func (c *typeChecker) call(name string, last reflect.Type) reflect.Type {
	switch name {
	case "len":
		return reflect.TypeFor[int]()
	case "printf", "print", "println", "html", "js", "urlquery":
		return reflect.TypeFor[string]()
	case "not", "eq", "ne", "lt", "le", "gt", "ge":
		return reflect.TypeFor[bool]()
	}
	if filters[name] {
		return last
	}
	fn, ok := c.e.funcs[name]
	if !ok {
		return nil
	}
	ft := reflect.TypeOf(fn)
	if ft.NumOut() == 0 || ft.Out(0).Kind() == reflect.Interface {
		return nil
	}
	return ft.Out(0)
}

// arg types one argument, checking its fields.
func (c *typeChecker) arg(n parse.Node, dot reflect.Type) reflect.Type {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return c.fields(n, dot, n.Ident)
	case *parse.VariableNode:
		t, ok := c.vars[n.Ident[0]]
		if !ok {
			return nil
		}
		return c.fields(n, t, n.Ident[1:])
	case *parse.ChainNode:
		return c.fields(n, c.arg(n.Node, dot), n.Field)
	case *parse.PipeNode:
		return c.pipe(n, dot)
	case *parse.StringNode:
		return reflect.TypeFor[string]()
	case *parse.NumberNode:
		if n.IsInt {
			return reflect.TypeFor[int]()
		}
		return nil
	case *parse.BoolNode:
		return reflect.TypeFor[bool]()
	case *parse.IdentifierNode:
		return c.call(n.Ident, nil)
	}
	return nil
}

// fields follows a chain of field (or method) names from type t.
func (c *typeChecker) fields(n parse.Node, t reflect.Type, names []string) reflect.Type {
	for _, name := range names {
		if t == nil {
			return nil
		}
		if m, ok := t.MethodByName(name); ok {
			if m.Type.NumOut() == 0 {
				return nil
			}
			t = m.Type.Out(0)
			continue
		}
		if t.Kind() == reflect.Pointer {
			if m, ok := t.Elem().MethodByName(name); ok {
				t = m.Type.Out(0)
				continue
			}
			t = t.Elem()
		}
		if t.Kind() == reflect.Interface {
			return nil
		}
		if t.Kind() != reflect.Struct {
			c.fail(n, name, "can't evaluate field %s in type %s", name, t)
			return nil
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			c.fail(n, name, "can't evaluate field %s in type %s", name, typeString(t))
			return nil
		}
		t = f.Type
	}
	return t
}

// typeString names a struct type as text/template does (a pointer to it).
func typeString(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[findings.Account](), reflect.TypeFor[findings.Unit](), reflect.TypeFor[findings.Site](),
		reflect.TypeFor[findings.Event](), reflect.TypeFor[findings.Submission](), reflect.TypeFor[findings.Row](),
		reflect.TypeFor[Root]():
		return "*" + t.String()
	}
	return t.String()
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	timeType     = reflect.TypeFor[time.Time]()
)

// unprintable says why a value of type t must not be printed into the text
// as it stands, or "" when it may (or when t is not known). text/template
// prints any value the Go way: a record as {发改局 县直部门 0xc000… 0 …},
// with a memory address that differs from run to run, a date as
// 2021-09-14 00:00:00 +0000 UTC. Such text must never reach a notice.
func unprintable(t reflect.Type) string {
	const tail = "，直接写出会印出程序内部的样子："
	switch {
	case t == nil, t.Kind() == reflect.Interface:
		return ""
	case t == timeType || t == reflect.PointerTo(timeType): // a Stringer, but the Go way
		return "这里是一个日期" + tail + "请写成 {{date …}}（2021年9月14日）或 {{md …}}（9月14日）"
	case t.Implements(stringerType):
		return ""
	case t.Kind() == reflect.String, t.Kind() == reflect.Bool, t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return ""
	case t == reflect.TypeFor[findings.Period](), t == reflect.TypeFor[*findings.Period]():
		return "这里是期次" + tail + "请写成 {{period}}（如 2021年第三季度）"
	case t.Kind() == reflect.Slice, t.Kind() == reflect.Array:
		return "这里是一个集合" + tail + "请用 names、byunit、count 等函数写出（见 docs/expressions.md）"
	}
	return "这里是一条记录（单位、账号等）" + tail + "请写出它的某一项，如 .Name、.Unit、.Platform"
}

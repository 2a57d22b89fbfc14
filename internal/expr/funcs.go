package expr

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/gongwen/gongwen/internal/findings"
)

// Accounts is a set of accounts, in declaration order. Printed as is, it is
// written by unit: 交通运输局（微信公众号）、店头镇（微博、微信公众号）.
type Accounts []*findings.Account

// Units is a set of units, in declaration order. Printed, it is their names
// joined by 、.
type Units []*findings.Unit

// Events is a set of account events.
type Events []*findings.Event

// Submissions is a set of submitted materials.
type Submissions []*findings.Submission

// Groups is accounts grouped by a key.
type Groups []findings.Group

func (as Accounts) String() string {
	if len(as) == 0 {
		return ""
	}
	return findings.ByUnit(as, as[0].PlatformOrder())
}
func (us Units) String() string { return findings.Join(findings.UnitNames(us)) }

// FuncNames lists the functions of the language, sorted.
func (e *Env) FuncNames() []string {
	var out []string
	for k := range e.funcs {
		if !strings.HasPrefix(k, "__") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (e *Env) funcMap() template.FuncMap {
	m := e.m
	return template.FuncMap{
		"__keep": func(v any) string { return "" },
		// sets
		"accounts":    func() Accounts { return Accounts(m.Accounts) },
		"units":       func() Units { return Units(m.Units) },
		"unit":        e.unit,
		"events":      e.events,
		"submissions": e.submissions,
		// filters: values first, the set last (so they chain with |)
		"verdict":  e.filter("verdict"),
		"problem":  e.filter("problem"),
		"platform": e.filter("platform"),
		"kind":     e.filter("kind"),
		"of":       e.filter("of"),
		"except":   except,
		"bykind":   bykind,
		"vetoed":   func(set any) (Accounts, error) { return vetoed(set) },
		"unitsof":  unitsOf,
		// numbers
		"count":    count,
		"rate":     rate,
		"passrate": passrate,
		"sum":      sum,
		"add":      func(a, b int) int { return a + b },
		"sub":      func(a, b int) int { return a - b },
		"cn":       findings.Chinese,
		"cnq":      findings.Quantity,
		// words
		"names": names,
		"byunit": func(set any) (string, error) {
			as, err := accountsOf(set, "byunit")
			return findings.ByUnit(as, m.Platforms), err
		},
		"byplatform": e.byPlatform,
		"byproblem": func(set any) (string, error) {
			as, err := accountsOf(set, "byproblem")
			return findings.ByProblem(as, m.Platforms), err
		},
		"groupby":   e.groupBy,
		"listcount": listCount,
		"join":      func(sep string, xs []string) string { return strings.Join(xs, sep) },
		"period":    func() string { return findings.PeriodText(m.Period) },
		"date":      func(t time.Time) string { return findings.FullDate(t) },
		"md":        func(t time.Time) string { return findings.MonthDay(t) },
	}
}

func (e *Env) unit(name string) (*findings.Unit, error) {
	if u := e.m.Unit(name); u != nil {
		return u, nil
	}
	return nil, e.noUnit(name)
}

func (e *Env) noUnit(name string) error {
	s := fmt.Sprintf("没有名为“%s”的单位", name)
	if near := nearest(name, findings.UnitNames(e.m.Units)); near != "" {
		s += fmt.Sprintf("，是否要写“%s”", near)
	}
	return fmt.Errorf("%s？单位须先在 [[data.unit]] 中列出", s)
}

func (e *Env) events(kinds ...string) Events {
	var out Events
	for _, ev := range e.m.Events {
		if len(kinds) == 0 || slices.Contains(kinds, ev.Kind) {
			out = append(out, ev)
		}
	}
	return out
}

func (e *Env) submissions(kinds ...string) Submissions {
	var out Submissions
	for _, s := range e.m.Submissions {
		if len(kinds) == 0 || slices.Contains(kinds, s.Kind) {
			out = append(out, s)
		}
	}
	return out
}

// filter returns a template function: values…, set → the members of set
// matching any of the values.
func (e *Env) filter(by string) func(args ...any) (any, error) {
	return func(args ...any) (any, error) {
		if len(args) < 2 {
			return nil, fmt.Errorf("“%s”需要至少一个条件和一个集合，例如 {{accounts | %s \"…\"}}", by, by)
		}
		var vals []string
		for _, a := range args[:len(args)-1] {
			s, ok := a.(string)
			if !ok {
				return nil, fmt.Errorf("“%s”的条件应为文字（用双引号括起），不能是 %v", by, a)
			}
			vals = append(vals, s)
		}
		switch by {
		case "verdict":
			for _, v := range vals {
				if v != findings.Pass && v != findings.Fail {
					return nil, fmt.Errorf("结论只能是“合格”或“不合格”，不能是“%s”", v)
				}
			}
		case "of":
			for _, v := range vals {
				if e.m.Unit(v) == nil {
					return nil, e.noUnit(v)
				}
			}
		}
		set := args[len(args)-1]
		switch set := set.(type) {
		case Accounts:
			var out Accounts
			for _, a := range set {
				if matchAccount(by, vals, a) {
					out = append(out, a)
				}
			}
			return out, nil
		case Units:
			var out Units
			for _, u := range set {
				ok, err := matchUnit(by, vals, u)
				if err != nil {
					return nil, err
				}
				if ok {
					out = append(out, u)
				}
			}
			return out, nil
		}
		return nil, fmt.Errorf("“%s”只能筛选账号集合（accounts）或单位集合（units），不能筛选 %s", by, describe(set))
	}
}

func matchAccount(by string, vals []string, a *findings.Account) bool {
	for _, v := range vals {
		switch by {
		case "verdict":
			if a.Verdict == v {
				return true
			}
		case "problem":
			if a.Has(v) {
				return true
			}
		case "platform":
			if a.Platform == v {
				return true
			}
		case "kind":
			if a.Owner != nil && findings.KindMatches(a.Owner.Kind, v) {
				return true
			}
		case "of":
			if a.Unit == v {
				return true
			}
		}
	}
	return false
}

func matchUnit(by string, vals []string, u *findings.Unit) (bool, error) {
	for _, v := range vals {
		switch by {
		case "verdict":
			if u.Verdict == v {
				return true, nil
			}
		case "problem":
			if u.Site.Has(v) {
				return true, nil
			}
		case "kind":
			if findings.KindMatches(u.Kind, v) {
				return true, nil
			}
		case "of":
			if u.Name == v {
				return true, nil
			}
		case "platform":
			for _, a := range u.Accounts {
				if a.Platform == v {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

// except removes from set the members of drop.
func except(drop, set any) (any, error) {
	switch set := set.(type) {
	case Accounts:
		d, err := accountsOf(drop, "except")
		if err != nil {
			return nil, err
		}
		var out Accounts
		for _, a := range set {
			if !containsPtr(d, a) {
				out = append(out, a)
			}
		}
		return out, nil
	case Units:
		d, ok := drop.(Units)
		if !ok {
			return nil, fmt.Errorf("“except”从单位集合中去掉的也应是单位集合，不能是 %s", describe(drop))
		}
		var out Units
		for _, u := range set {
			if !containsPtr(d, u) {
				out = append(out, u)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("“except”只能用于账号集合或单位集合，不能用于 %s", describe(set))
}

func containsPtr[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func vetoed(set any) (Accounts, error) {
	as, err := accountsOf(set, "vetoed")
	var out Accounts
	for _, a := range as {
		if a.Veto {
			out = append(out, a)
		}
	}
	return out, err
}

// unitsOf is the units owning the accounts, each once, in unit order.
func unitsOf(set any) (Units, error) {
	as, err := accountsOf(set, "unitsof")
	if err != nil {
		return nil, err
	}
	var out Units
	for _, a := range as {
		if a.Owner != nil && !containsPtr(out, a.Owner) {
			out = append(out, a.Owner)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Index < out[j].Index })
	return out, nil
}

func accountsOf(set any, fn string) (Accounts, error) {
	switch s := set.(type) {
	case Accounts:
		return s, nil
	case findings.Group:
		return Accounts(s.Accounts), nil
	case []*findings.Account:
		return Accounts(s), nil
	}
	return nil, fmt.Errorf("“%s”需要账号集合（如 accounts 或 accounts | problem \"更新不及时\"），不能是 %s", fn, describe(set))
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "空值"
	case string:
		return "文字“" + v + "”"
	case int:
		return fmt.Sprintf("数字 %d", v)
	case Accounts:
		return "账号集合"
	case Units:
		return "单位集合"
	case Events:
		return "事件集合"
	case Groups:
		return "分组"
	}
	return fmt.Sprintf("%T", v)
}

// count is the number of members of a set (or of any list).
func count(set any) (int, error) {
	switch s := set.(type) {
	case Accounts:
		return len(s), nil
	case Units:
		return len(s), nil
	case Events:
		return len(s), nil
	case Submissions:
		return len(s), nil
	case Groups:
		return len(s), nil
	case findings.Group:
		return s.Count(), nil
	case []*findings.Account:
		return len(s), nil
	case []string:
		return len(s), nil
	}
	return 0, fmt.Errorf("“count”只能数集合（账号、单位、事件……），不能数 %s", describe(set))
}

func number(v any, fn string) (int, error) {
	if n, ok := v.(int); ok {
		return n, nil
	}
	n, err := count(v)
	if err != nil {
		return 0, fmt.Errorf("“%s”需要数字或集合，不能是 %s", fn, describe(v))
	}
	return n, nil
}

// rate is part/whole as a percentage with the given decimals; part and
// whole are numbers or sets (counted).
func rate(part, whole any, decimals int) (string, error) {
	p, err := number(part, "rate")
	if err != nil {
		return "", err
	}
	w, err := number(whole, "rate")
	if err != nil {
		return "", err
	}
	return findings.Rate(p, w, decimals), nil
}

// passrate is the 合格率 of a set of accounts: (inspected − failed) / inspected.
func passrate(decimals int, set any) (string, error) {
	as, err := accountsOf(set, "passrate")
	if err != nil {
		return "", err
	}
	failed := 0
	for _, a := range as {
		if a.Verdict == findings.Fail {
			failed++
		}
	}
	return findings.Rate(len(as)-failed, len(as), decimals), nil
}

// names lists a set's names joined by 、.
func names(set any) (string, error) {
	switch s := set.(type) {
	case Units:
		return findings.Join(findings.UnitNames(s)), nil
	case Accounts, []*findings.Account, findings.Group:
		as, _ := accountsOf(s, "names")
		var out []string
		for _, a := range as {
			out = append(out, a.DisplayName())
		}
		return findings.Join(out), nil
	case []string:
		return findings.Join(s), nil
	}
	return "", fmt.Errorf("“names”需要单位集合或账号集合，不能是 %s", describe(set))
}

func (e *Env) byPlatform(args ...any) (string, error) {
	if len(args) == 0 || len(args) > 2 {
		return "", fmt.Errorf("“byplatform”的写法：{{byplatform (accounts)}} 或 {{byplatform \"政务\" (accounts)}}")
	}
	prefix := ""
	if len(args) == 2 {
		s, ok := args[0].(string)
		if !ok {
			return "", fmt.Errorf("“byplatform”的前缀应为文字，如 \"政务\"")
		}
		prefix = s
	}
	as, err := accountsOf(args[len(args)-1], "byplatform")
	if err != nil {
		return "", err
	}
	return findings.ByPlatform(as, e.m.Platforms, prefix), nil
}

func (e *Env) groupBy(key string, set any) (Groups, error) {
	as, err := accountsOf(set, "groupby")
	if err != nil {
		return nil, err
	}
	if !slices.Contains(findings.GroupKeys, key) {
		return nil, fmt.Errorf("“groupby”不能按“%s”分组：可按 %s", key, strings.Join(findings.GroupKeys, "、"))
	}
	return Groups(findings.GroupBy(key, as, e.m.Platforms)), nil
}

// listCount writes a list with its count as notices do:
// listcount "个镇街" units → 临沭街道、郑山街道4个镇街;
// listcount "等" "个部门" units → 科技局、司法局等18个部门.
func listCount(args ...any) (string, error) {
	if len(args) < 2 || len(args) > 3 {
		return "", fmt.Errorf("“listcount”的写法：{{listcount \"个镇街\" $units}} 或 {{listcount \"等\" \"个部门\" $units}}")
	}
	var words []string
	for _, a := range args[:len(args)-1] {
		s, ok := a.(string)
		if !ok {
			return "", fmt.Errorf("“listcount”的量词应为文字，如 \"个镇街\"")
		}
		words = append(words, s)
	}
	list, err := names(args[len(args)-1])
	if err != nil {
		return "", err
	}
	n, _ := count(args[len(args)-1])
	if len(words) == 1 {
		return fmt.Sprintf("%s%d%s", list, n, words[0]), nil
	}
	return fmt.Sprintf("%s%s%d%s", list, words[0], n, words[1]), nil
}

// sum adds up a measurement over a set of accounts: "posts" (发布数) or
// "original" (原创数); accounts that do not record it count 0.
func sum(what string, set any) (int, error) {
	as, err := accountsOf(set, "sum")
	if err != nil {
		return 0, err
	}
	total := 0
	for _, a := range as {
		var v *int
		switch what {
		case "posts":
			v = a.Posts
		case "original":
			v = a.Original
		default:
			return 0, fmt.Errorf("“sum”可加总 \"posts\"（发布数）或 \"original\"（原创数），不能加总“%s”", what)
		}
		if v != nil {
			total += *v
		}
	}
	return total, nil
}

// bykind orders a set by unit kind — kinds…, set: the members whose unit
// matches the first kind come first, then the second …, the rest last;
// within each, the set's order is kept. Notices often list departments
// before towns though the data lists towns first.
func bykind(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("“bykind”的写法：{{units | bykind \"部门\" \"镇街\" | names}}")
	}
	var kinds []string
	for _, a := range args[:len(args)-1] {
		k, ok := a.(string)
		if !ok {
			return nil, fmt.Errorf("“bykind”的种类应为文字，如 \"镇街\"")
		}
		kinds = append(kinds, k)
	}
	rank := func(kind string) int {
		for i, k := range kinds {
			if findings.KindMatches(kind, k) {
				return i
			}
		}
		return len(kinds)
	}
	switch set := args[len(args)-1].(type) {
	case Accounts:
		out := append(Accounts(nil), set...)
		sort.SliceStable(out, func(i, j int) bool {
			return rank(out[i].Owner.Kind) < rank(out[j].Owner.Kind)
		})
		return out, nil
	case Units:
		out := append(Units(nil), set...)
		sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Kind) < rank(out[j].Kind) })
		return out, nil
	}
	return nil, fmt.Errorf("“bykind”只能排列账号集合或单位集合，不能排列 %s", describe(args[len(args)-1]))
}

package source

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/templates"
)

// LoadTemplate reads the notice template name (templates/NAME.toml).
func LoadTemplate(name string) (*Notice, error) {
	b, err := templates.Notice(name)
	if err != nil {
		return nil, err
	}
	return parseTemplate(name, b)
}

// TemplateFile is the file of the notice template name in the repository,
// as messages name it for the developer who changes it.
func TemplateFile(name string) string { return "templates/" + name + ".toml" }

// parseTemplate decodes a notice template. A key the schema does not know
// is an error, as in a notice: toml.Decode alone would drop it in silence,
// and a misspelt rule (late_day) would switch the rule off.
func parseTemplate(name string, b []byte) (*Notice, error) {
	t, _, err := parseTemplateAt(name, b)
	return t, err
}

// parseTemplateAt is parseTemplate that also returns where each key of the
// template stands; its errors name the template file, line and column.
func parseTemplateAt(name string, b []byte) (*Notice, *Positions, error) {
	text := string(b)
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		d := syntaxError(text, err)
		return nil, nil, fmt.Errorf("通报模板“%s”有误（%s:%d:%d）：%s", name, TemplateFile(name), d.Line, d.Col, d.Message)
	}
	// Decoded as a notice is, so that its keys and types are checked the
	// same way and each problem has its place.
	pos := scanPositions(text)
	d := &decoder{pos: pos, failed: map[string]bool{}}
	var t Notice
	d.decodeStruct("", tree, reflectValue(&t))
	for _, e := range d.diags {
		if e.Severity == Error {
			return nil, nil, fmt.Errorf("通报模板“%s”有误（%s:%d:%d）：%s", name, TemplateFile(name), e.Line, e.Col, e.Message)
		}
	}
	return &t, pos, nil
}

// templateInput is the template a notice names, as the checks read it:
// decoded, with the places of its keys in its own file, and the notice
// merged over it.
type templateInput struct {
	name   string
	t      *Notice
	pos    *Positions
	merged *Notice
	err    error
	paths  map[string]string // a string of the template → its key path
}

// Template returns the template the notice names, read once per check
// run, or nil when it names none.
func (in *Input) Template() *templateInput {
	if in.Notice.Template == "" {
		return nil
	}
	if in.tmpl != nil {
		return in.tmpl
	}
	ti := &templateInput{name: in.Notice.Template}
	in.tmpl = ti
	var b []byte
	if in.loadTemplate != nil {
		b, ti.err = in.loadTemplate(ti.name)
	} else {
		b, ti.err = templates.Notice(ti.name)
	}
	if ti.err != nil {
		return ti
	}
	ti.t, ti.pos, ti.err = parseTemplateAt(ti.name, b)
	if ti.err == nil {
		ti.merged = MergeNotice(ti.t, in.Notice)
	}
	return ti
}

// At names the place p in the template's file: templates/NAME.toml:L:C.
func (ti *templateInput) At(p Pos) string {
	return fmt.Sprintf("%s:%d:%d", TemplateFile(ti.name), p.Line, p.Col)
}

// Locate returns the Locator of s, a string of the template, in the
// template's file; ok is false when s is not one of its strings as written.
func (ti *templateInput) Locate(s string) (expr.Locator, bool) {
	if ti.paths == nil {
		ti.paths = map[string]string{}
		Strings("", reflectValue(ti.t), func(path, v string) {
			if _, ok := ti.paths[v]; !ok {
				ti.paths[v] = path
			}
		})
	}
	path, ok := ti.paths[s]
	if !ok {
		return expr.StartAt(s, expr.Pos{Line: 1, Col: 1}), false
	}
	return (&Input{Pos: ti.pos}).Locate(path, s), true
}

// KeyAt is the place in the template's file of the key at path of the
// template, or of its nearest written ancestor.
func (ti *templateInput) KeyAt(path string) Pos { return ti.pos.NearestKey(path) }

// ApplyTemplate returns the notice merged over its template (n.Template),
// or n itself when it names none. n is not changed. The rule:
//
//   - a value the notice writes replaces the template's; a value it leaves
//     empty keeps the template's ([head], [main], [signature], [colophon]
//     key by key; [data.rules] key by key; the lists of units, accounts and
//     submissions as a whole);
//   - sections are matched by title (a final 。 does not count): the
//     notice's text, blocks and tables replace the template's when written,
//     subsections merge the same way, omit = true drops the section, and a
//     section the template lacks goes after the one the notice puts before
//     it;
//   - attachments are matched by position, merged like sections.
func ApplyTemplate(n *Notice) (*Notice, error) {
	if n.Template == "" {
		return n, nil
	}
	t, err := LoadTemplate(n.Template)
	if err != nil {
		return nil, err
	}
	return MergeNotice(t, n), nil
}

// MergeNotice merges n over the template t (see ApplyTemplate).
func MergeNotice(t, n *Notice) *Notice {
	out := *t
	out.Template = n.Template
	out.Include = n.Include
	if n.Output != nil {
		out.Output = n.Output
	}
	out.Head = mergeHead(t.Head, n.Head)
	m := t.Main
	if len(n.Main.Title) > 0 {
		m.Title = n.Main.Title
	}
	m.Addressees = str(n.Main.Addressees, t.Main.Addressees)
	m.Closing = str(n.Main.Closing, t.Main.Closing)
	m.Remark = str(n.Main.Remark, t.Main.Remark)
	m.Container = mergeContainer(t.Main.Container, n.Main.Container)
	out.Main = m

	out.Attachments = nil
	for i := 0; i < max(len(t.Attachments), len(n.Attachments)); i++ {
		switch {
		case i >= len(n.Attachments):
			out.Attachments = append(out.Attachments, t.Attachments[i])
		case i >= len(t.Attachments):
			out.Attachments = append(out.Attachments, n.Attachments[i])
		default:
			a := t.Attachments[i]
			a.Title = str(n.Attachments[i].Title, a.Title)
			a.Container = mergeContainer(a.Container, n.Attachments[i].Container)
			out.Attachments = append(out.Attachments, a)
		}
	}

	s := t.Signature
	if len(n.Signature.Issuer) > 0 {
		s.Issuer = n.Signature.Issuer
	}
	if !n.Signature.Date.IsZero() {
		s.Date = n.Signature.Date
	}
	s.Seal = str(n.Signature.Seal, s.Seal)
	out.Signature = s
	if n.Colophon != nil {
		if t.Colophon == nil {
			out.Colophon = n.Colophon
		} else {
			c := *t.Colophon
			if len(n.Colophon.CC) > 0 {
				c.CC = n.Colophon.CC
			}
			c.PrintedBy = str(n.Colophon.PrintedBy, c.PrintedBy)
			if !n.Colophon.PrintedOn.IsZero() {
				c.PrintedOn = n.Colophon.PrintedOn
			}
			out.Colophon = &c
		}
	}
	out.Data = MergeData(t.Data, n.Data)
	return &out
}

// MergeData merges the notice's data over the template's.
func MergeData(t, n *Data) *Data {
	if t == nil {
		return n
	}
	if n == nil {
		c := *t
		return &c
	}
	d := *n
	if d.Period == (Data{}).Period {
		d.Period = t.Period
	}
	if d.CheckDate.IsZero() {
		d.CheckDate = t.CheckDate
	}
	d.Level = str(d.Level, t.Level)
	d.Office = str(d.Office, t.Office)
	if len(d.Platforms) == 0 {
		d.Platforms = t.Platforms
	}
	r, tr := &d.Rules, t.Rules
	if r.LateDays == 0 {
		r.LateDays = tr.LateDays
	}
	if r.StaleDays == 0 {
		r.StaleDays = tr.StaleDays
	}
	if r.MinOriginalPercent == 0 {
		r.MinOriginalPercent = tr.MinOriginalPercent
	}
	if r.SiteLateDays == 0 {
		r.SiteLateDays = tr.SiteLateDays
	}
	if r.SiteStaleDays == 0 {
		r.SiteStaleDays = tr.SiteStaleDays
	}
	if len(d.Units) == 0 {
		d.Units = t.Units
	}
	if len(d.Accounts) == 0 {
		d.Accounts = t.Accounts
	}
	if len(d.Submissions) == 0 {
		d.Submissions = t.Submissions
	}
	return &d
}

func str(n, t string) string {
	if strings.TrimSpace(n) != "" {
		return n
	}
	return t
}

func mergeHead(t, n Head) Head {
	h := t
	h.CopyNumber = str(n.CopyNumber, h.CopyNumber)
	h.Classification = str(n.Classification, h.Classification)
	h.Urgency = str(n.Urgency, h.Urgency)
	if len(n.Masthead) > 0 {
		h.Masthead = n.Masthead
	}
	h.MastheadSuffix = str(n.MastheadSuffix, h.MastheadSuffix)
	if n.DocNumber != nil {
		h.DocNumber = n.DocNumber
	}
	if len(n.Signers) > 0 {
		h.Signers = n.Signers
	}
	return h
}

// sectionKey is how sections are matched: the title without a final 。.
func sectionKey(title string) string {
	return strings.TrimSuffix(strings.TrimSpace(title), "。")
}

func mergeContainer(t, n Container) Container {
	c := t
	c.Text = str(n.Text, t.Text)
	if len(n.Blocks) > 0 {
		c.Blocks = n.Blocks
	}
	if len(n.Tables) > 0 {
		c.Tables = n.Tables
	}
	c.Sections = mergeSections(t.Sections, n.Sections)
	return c
}

func mergeSections(t, n []Section) []Section {
	if len(n) == 0 {
		return t
	}
	out := append([]Section(nil), t...)
	omit := map[string]bool{}
	at := -1 // index in out of the last section the notice named
	for _, s := range n {
		k := sectionKey(s.Title)
		found := -1
		for i := range out {
			if sectionKey(out[i].Title) == k {
				found = i
				break
			}
		}
		if found < 0 {
			if s.Omit {
				continue
			}
			at++
			out = append(out[:at], append([]Section{s}, out[at:]...)...)
			continue
		}
		if s.Omit {
			omit[k] = true
			at = found
			continue
		}
		m := out[found]
		m.RunIn = m.RunIn || s.RunIn
		m.Container = mergeContainer(m.Container, s.Container)
		out[found] = m
		at = found
	}
	kept := out[:0]
	for _, s := range out {
		if !omit[sectionKey(s.Title)] {
			kept = append(kept, s)
		}
	}
	return kept
}

// NoticeData returns the data of n (a notice already merged over its
// template) with its administrative level and issuing office filled in
// where [data] leaves them empty: derived from the first signature issuer,
// so that 临沭县人民政府办公室 gives level 县 and office 县政府办公室, and
// 某市人民政府办公室 gives 市 and 市政府办公室. n.Data itself is not
// changed; nil when n has no [data].
func NoticeData(n *Notice) *Data {
	if n.Data == nil {
		return nil
	}
	d := *n.Data
	issuer := ""
	if len(n.Signature.Issuer) > 0 {
		issuer = n.Signature.Issuer[0]
	}
	level, office := placeOf(issuer)
	d.Level = strings.TrimSpace(str(d.Level, level))
	if d.Office = strings.TrimSpace(d.Office); d.Office == "" && d.Level != "" {
		if office != "" && level == d.Level {
			d.Office = office
		} else {
			d.Office = d.Level + "政府办公室"
		}
	}
	return &d
}

// placeOf derives the level and the office from an issuer written the
// usual way, X县人民政府办公室: the character before 人民政府 when it is a
// level (县, 市, 区, 旗), and the office as the text shortens it, level +
// 政府 + what follows 人民政府. Empty when the issuer is not so written.
func placeOf(issuer string) (level, office string) {
	before, after, ok := strings.Cut(strings.TrimSpace(issuer), "人民政府")
	if !ok {
		return "", ""
	}
	rs := []rune(before)
	if len(rs) == 0 {
		return "", ""
	}
	switch l := string(rs[len(rs)-1]); l {
	case "县", "市", "区", "旗":
		if after == "" {
			return l, l + "政府"
		}
		return l, l + "政府" + after
	}
	return "", ""
}

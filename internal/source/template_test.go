package source

import (
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/internal/findings"
)

func titles(ss []Section) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Title)
	}
	return strings.Join(out, " ")
}

func TestMergeSections(t *testing.T) {
	tmpl := &Notice{Main: Main{
		Addressees: "各单位",
		Container: Container{
			Text: "模板开头",
			Sections: []Section{
				{Title: "甲", Container: Container{Text: "甲的常设段落"}},
				{Title: "乙", Container: Container{Sections: []Section{
					{Title: "乙一。", RunIn: true, Container: Container{Text: "乙一常设"}},
					{Title: "乙二。", RunIn: true, Container: Container{Text: "乙二常设"}},
				}}},
				{Title: "丙", Container: Container{Text: "丙常设"}},
			},
		}},
		Data: &Data{Rules: findings.Rules{LateDays: 7, StaleDays: 14}},
	}
	n := &Notice{Template: "t", Main: Main{
		Title: Names{"本期标题"},
		Container: Container{Sections: []Section{
			{Title: "乙", Container: Container{Sections: []Section{
				{Title: "乙二", Container: Container{Text: "乙二本期改写"}}, // matched without the final 。
				{Title: "乙三。", RunIn: true, Container: Container{Text: "乙三新增"}},
			}}},
			{Title: "丙", Omit: true},
			{Title: "丁", Container: Container{Text: "丁新增"}},
		}},
	}, Data: &Data{CheckDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC), Rules: findings.Rules{LateDays: 10}}}

	m := MergeNotice(tmpl, n)
	if got := titles(m.Main.Sections); got != "甲 乙 丁" {
		t.Errorf("sections %q, want 甲 乙 丁 (丙 omitted, 丁 after 乙)", got)
	}
	yi := m.Main.Sections[1]
	if got := titles(yi.Sections); got != "乙一。 乙二。 乙三。" {
		t.Errorf("subsections %q", got)
	}
	if yi.Sections[0].Text != "乙一常设" || yi.Sections[1].Text != "乙二本期改写" || !yi.Sections[1].RunIn {
		t.Errorf("乙一 keeps the standing text, 乙二 takes the notice's and stays run-in: %+v", yi.Sections[:2])
	}
	if m.Main.Text != "模板开头" || m.Main.Addressees != "各单位" || m.Main.Title[0] != "本期标题" {
		t.Errorf("main keys: %q %q %q", m.Main.Text, m.Main.Addressees, m.Main.Title)
	}
	if r := m.Data.Rules; r.LateDays != 10 || r.StaleDays != 14 {
		t.Errorf("rules key by key: %+v", r)
	}
	// The inputs are untouched.
	if titles(tmpl.Main.Sections) != "甲 乙 丙" || len(tmpl.Main.Sections[1].Sections) != 2 || tmpl.Data.Rules.LateDays != 7 {
		t.Errorf("MergeNotice changed the template")
	}
}

func TestStandingTemplateLoads(t *testing.T) {
	tm, err := LoadTemplate("督查通报")
	if err != nil {
		t.Fatal(err)
	}
	if len(tm.Main.Sections) != 3 || len(tm.Attachments) != 1 || tm.Attachments[0].Tables[0].From == "" {
		t.Errorf("督查通报: %d sections, %d attachments", len(tm.Main.Sections), len(tm.Attachments))
	}
	if tm.Data == nil || tm.Data.Rules.StaleDays != 14 {
		t.Errorf("the template sets the national 14-day veto")
	}
	if _, err := LoadTemplate("没有这个"); err == nil || !strings.Contains(err.Error(), "督查通报") {
		t.Errorf("an unknown template names the ones there are: %v", err)
	}
}

// TestTemplateUnknownKey: a key a template misspells is an error naming it,
// not a rule switched off in silence.
func TestTemplateUnknownKey(t *testing.T) {
	_, err := parseTemplate("试", []byte("[data.rules]\nlate_day = 7\n"))
	if err == nil || !strings.Contains(err.Error(), "“late_day”") || !strings.Contains(err.Error(), "templates/试.toml:2:1") {
		t.Errorf("want an error naming late_day at templates/试.toml:2:1, got %v", err)
	}
	if _, err := parseTemplate("试", []byte("[data.rules]\nlate_days = 7\n")); err != nil {
		t.Errorf("a known key: %v", err)
	}
}

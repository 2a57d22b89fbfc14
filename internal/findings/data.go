// Package findings is the inspection's records as data: the units inspected,
// their websites and new-media accounts with their measurements, the
// materials they submitted, the period and the check date, and the rules
// that turn measurements into verdicts. Every count, list, rate and table
// cell of a notice is computed from one Model, so that a correction to one
// record changes them all together.
//
// The package is pure: no files, no templates, no clock. Data is what the
// clerk wrote (it decodes from TOML as is); Evaluate applies the rules and
// returns the Model the expressions and tables read, plus the warnings and
// errors, each naming the record and key it belongs to.
package findings

import (
	"slices"
	"time"
)

// Problem types the rules derive. Explicit problem lists may use any other
// words as well (错别字, 严重表述错误 …).
const (
	ProblemLate         = "更新不及时" // no update in Rules.LateDays days
	ProblemStale        = "长期不更新" // no update in Rules.StaleDays days: 单项否决
	ProblemOriginal     = "原创性不高" // original posts under Rules.MinOriginalPercent
	ProblemUnregistered = "未报备"   // account not registered (报备)
	ProblemChangeFiling = "变更未报备" // an event (更名、开设、关停) not filed
)

// Verdicts.
const (
	Pass = "合格"
	Fail = "不合格"
)

// Data is the findings as written: the [data] table of a notice (or of a
// file it includes). Field comments give the TOML keys.
type Data struct {
	Period Period `toml:"period"` // [data.period] 检查期
	// CheckDate is the day of the inspection (检查日期); the rules count
	// days back from it.
	CheckDate time.Time `toml:"check_date"`
	// Level is the administrative level of the inspecting government — 县,
	// 市, 区 … — that standing text writes as 全县, 我县, 县直部门 ({{.Level}}).
	// Empty: the notice derives it from its signature (临沭县人民政府办公室
	// gives 县).
	Level string `toml:"level"`
	// Office is the issuing office as the text names it, e.g. 县政府办公室
	// ({{.Office}}). Empty: derived from the signature (临沭县人民政府办公室
	// gives 县政府办公室), else Level + 政府办公室.
	Office string `toml:"office"`
	Rules  Rules  `toml:"rules"` // [data.rules]
	// Platforms is the order in which platforms are written in lists, e.g.
	// ["微博", "微信公众号"] gives 店头镇（微博、微信公众号）. Platforms not
	// named follow in DefaultPlatforms order, then in order of appearance.
	Platforms   []string     `toml:"platforms"`
	Units       []Unit       `toml:"unit"`       // [[data.unit]] 单位
	Accounts    []Account    `toml:"account"`    // [[data.account]] 政务新媒体账号
	Submissions []Submission `toml:"submission"` // [[data.submission]] 材料报送
}

// DefaultPlatforms is the order of platforms when Data.Platforms does not
// say otherwise.
var DefaultPlatforms = []string{"新浪微博", "微博", "微信公众号", "今日头条", "抖音", "快手", "百家号", "人民号", "视频号"}

// Period is [data.period]: the quarter, month or batch inspected. Set the
// year and one of the others.
type Period struct {
	Year    int `toml:"year"`
	Quarter int `toml:"quarter"` // 1–4
	Month   int `toml:"month"`   // 1–12
	Batch   int `toml:"batch"`   // 第N批
}

// Rules is [data.rules]: how measurements become problems. A zero value
// switches a rule off. A notice's rules override its template's, key by key.
type Rules struct {
	// LateDays: an account whose last update is more than LateDays days
	// before the check date is 更新不及时 (e.g. 7: weekly updates).
	LateDays int `toml:"late_days"`
	// StaleDays: more than StaleDays days without update is 长期不更新, a
	// single-item veto (单项否决; the national indicator is 14). It replaces
	// 更新不及时.
	StaleDays int `toml:"stale_days"`
	// MinOriginalPercent: fewer original posts than this share of the posts
	// in the period is 原创性不高.
	MinOriginalPercent float64 `toml:"min_original_percent"`
	// SiteLateDays and SiteStaleDays are the same for a unit's website
	// columns.
	SiteLateDays  int `toml:"site_late_days"`
	SiteStaleDays int `toml:"site_stale_days"`
}

// Unit is one [[data.unit]]: a town, sub-district or department inspected.
// Units are listed in the order they are declared.
type Unit struct {
	Name string `toml:"name"`
	// Kind is 镇, 街道, 乡, 县直部门 … The filter kind "镇街" matches 镇,
	// 街道, 乡 and 镇街; "部门" matches every other kind.
	Kind string `toml:"kind"`
	Site *Site  `toml:"site"` // its website columns; nil: not inspected

	// Computed by Evaluate.
	Index    int        `toml:"-"` // position in Data.Units
	Accounts []*Account `toml:"-"` // its accounts, in declaration order
	// Verdict is 不合格 when the site or any account has a problem.
	Verdict string `toml:"-"`
}

// Site is a unit's website columns (网站栏目).
type Site struct {
	LastUpdate time.Time `toml:"last_update"` // 最后更新日期
	// Errors are the columns found with errors in their content; each
	// error's kind (错别字, 严重表述错误) is a problem of the site.
	Errors []ColumnError `toml:"errors"`
	// Problems, when given, replace the problems the rules derive.
	Problems []string `toml:"problems"`

	// Computed by Evaluate.
	Days int `toml:"-"` // days from LastUpdate to the check date; -1: unknown
}

// ColumnError is an error found in a website column: { column = "政务动态",
// kind = "错别字", note = "…" }.
type ColumnError struct {
	Column string `toml:"column"`
	Kind   string `toml:"kind"`
	Note   string `toml:"note"`
}

// Account is one [[data.account]]: a government new-media account.
type Account struct {
	Unit     string `toml:"unit"`     // owning unit's name, as in [[data.unit]]
	Platform string `toml:"platform"` // 微信公众号, 微博, 新浪微博, 今日头条, 抖音, 百家号 …
	Name     string `toml:"name"`     // account name; empty: the unit's name
	// Registered is false for an account not filed (未报备); absent means filed.
	Registered *bool     `toml:"registered"`
	LastUpdate time.Time `toml:"last_update"` // 最后更新日期
	Posts      *int      `toml:"posts"`       // posts in the period
	Original   *int      `toml:"original"`    // original posts in the period
	Events     []Event   `toml:"events"`      // 更名、开设、关停 …
	// Verdict, when given, replaces the derived one (合格 / 不合格).
	Verdict string `toml:"verdict"`
	// Problems, when given (even empty), replace the derived problems.
	Problems []string `toml:"problems"`

	// Computed by Evaluate.
	Index int   `toml:"-"` // position in Data.Accounts
	Owner *Unit `toml:"-"` // the unit named by Unit
	Days  int   `toml:"-"` // days from LastUpdate to the check date; -1: unknown
	Veto  bool  `toml:"-"` // a single-item veto (单项否决) problem

	platforms []string // the model's platform order, for printing sets
}

// PlatformOrder is the order of platforms in lists of the model the account
// belongs to (Model.Platforms); DefaultPlatforms before Evaluate.
func (a *Account) PlatformOrder() []string {
	if a.platforms == nil {
		return DefaultPlatforms
	}
	return a.platforms
}

// Event is something that happened to an account: renamed (更名), opened
// (开设), closed (关停) …, with its date and whether it was filed in time.
type Event struct {
	Date  time.Time `toml:"date"`
	Kind  string    `toml:"kind"`  // 更名 / 开设 / 关停 …
	Filed bool      `toml:"filed"` // 已报备; false gives 变更未报备
	Note  string    `toml:"note"`

	Account *Account `toml:"-"` // computed: the account it happened to
}

// Submission is one [[data.submission]]: materials a unit sent (典型材料,
// 政务访谈, 协助调查函回复).
type Submission struct {
	Unit  string `toml:"unit"`
	Kind  string `toml:"kind"`  // 典型材料 / 政务访谈 / 协助调查函
	Count int    `toml:"count"` // pieces sent
	// Due and Sent are the scheduled and actual dates, when they matter.
	Due  time.Time `toml:"due"`
	Sent time.Time `toml:"sent"`
	// AdoptedBy names who used the material, e.g. 市政府网站“政务公开看临沂”.
	AdoptedBy string `toml:"adopted_by"`

	Owner *Unit `toml:"-"` // computed
	Late  bool  `toml:"-"` // computed: sent after due, or not sent by the check date
}

// DisplayName is the account's name, or its unit's name when it has none.
func (a *Account) DisplayName() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Unit
}

// Has reports whether the account has problem p.
func (a *Account) Has(p string) bool { return slices.Contains(a.Problems, p) }

// Has reports whether the site has problem p.
func (s *Site) Has(p string) bool { return s != nil && slices.Contains(s.Problems, p) }

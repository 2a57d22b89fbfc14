// Package benchmarks measures the pipeline (read, compose, layout, DOCX and
// PDF writing) on the sample notice and on large generated ones. The
// benchmarks live in bench_test.go and run only with go test -bench; this
// file is the generator of the large notice, shared with the command
// bench/gen (go run ./bench/gen -accounts 2000 > /tmp/city.toml).
package benchmarks

import (
	"fmt"
	"strings"
	"time"
)

// CityOptions say how large a generated notice is.
type CityOptions struct {
	// Accounts is the number of new-media accounts inspected, one row each
	// in the attachment's statistics table (2,000 for a city).
	Accounts int
	// Seal is the seal PNG, relative to the notice's folder; empty for an
	// unsealed notice.
	Seal string
}

// PerUnit is the number of accounts of each unit in a generated notice (the
// last unit may have fewer).
const PerUnit = 5

// checkDate is the day of the generated inspection.
var checkDate = time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC)

// City writes a notice in the project's TOML format (docs/format.md) built
// on the template "督查通报": a city's inspection with opt.Accounts accounts
// of ⌈Accounts/PerUnit⌉ units (a quarter of them towns and sub-districts,
// the rest departments of the city and its districts), their websites,
// renamings and submitted materials. Measurements are drawn from a fixed
// pseudo-random sequence, so the same options give the same bytes, and
// roughly one account in six has a problem, as in a real quarter.
func City(opt CityOptions) []byte {
	n := max(opt.Accounts, 1)
	units := cityUnits((n + PerUnit - 1) / PerUnit)
	r := rng(20210914)
	var b strings.Builder
	b.Grow(160 * n)

	fmt.Fprintf(&b, "# 生成的基准测试通报：%d 个政务新媒体账号，%d 个单位（go run ./bench/gen -accounts %d）。\n", n, len(units), n)
	b.WriteString("# 同样的参数总是生成同样的文件。格式见 docs/format.md。\n\n")
	b.WriteString("template = \"督查通报\"\n\n")
	b.WriteString("[head]\nmasthead = \"临江政务督查\"\n\n")
	b.WriteString("[head.doc_number]\ncode = \"临政督字\"\nyear = 2021\nseq = 58\n\n")
	b.WriteString("[main]\ntitle = \"临江市人民政府办公室关于2021年全市第三季度政府网站和政务新媒体检查情况通报\"\n")
	b.WriteString("addressees = \"各区人民政府，各镇人民政府、街道办事处，市直有关单位\"\n\n")
	b.WriteString("[signature]\nissuer = \"临江市人民政府办公室\"\ndate = 2021-09-22\n")
	if opt.Seal != "" {
		fmt.Fprintf(&b, "seal = %q\n", opt.Seal)
	}
	b.WriteString("\n[colophon]\nprinted_by = \"临江市人民政府办公室\"\nprinted_on = 2021-09-22\n\n")

	b.WriteString("[data]\ncheck_date = 2021-09-14\nplatforms = [\"微博\", \"微信公众号\"]\n\n")
	b.WriteString("[data.period]\nyear = 2021\nquarter = 3\n\n")

	for i, u := range units {
		// Websites: most updated within the week, a few late, one in
		// fifty stale.
		var days int
		switch x := r.next(100); {
		case x < 2:
			days = 61 + r.next(60)
		case x < 8:
			days = 15 + r.next(30)
		default:
			days = r.next(10)
		}
		fmt.Fprintf(&b, "[[data.unit]]\nname = %q\nkind = %q\nsite = { last_update = %s }\n", u.name, u.kind, date(days))
		if i%40 == 7 {
			fmt.Fprintf(&b, "# 第 %d 个单位\n", i+1)
		}
		b.WriteString("\n")
	}

	for i := 0; i < n; i++ {
		u := units[i/PerUnit]
		p := platforms[i%PerUnit]
		name := ""
		if p != "微信公众号" {
			name = u.name + "发布"
		}
		var days int
		switch x := r.next(100); {
		case x < 3:
			days = 15 + r.next(40) // 长期不更新
		case x < 13:
			days = 8 + r.next(7) // 更新不及时
		default:
			days = r.next(8)
		}
		posts := 10 + r.next(40)
		original := posts * (35 + r.next(60)) / 100
		if r.next(100) < 6 {
			original = posts * r.next(29) / 100 // 原创性不高
		}
		fmt.Fprintf(&b, "[[data.account]]\nunit = %q\nplatform = %q\n", u.name, p)
		if name != "" {
			fmt.Fprintf(&b, "name = %q\n", name)
		}
		fmt.Fprintf(&b, "last_update = %s\nposts = %d\noriginal = %d\n", date(days), posts, original)
		if i%397 == 11 {
			// An account renamed without filing it: the text names it.
			fmt.Fprintf(&b, "events = [{ date = %s, kind = \"更名\", filed = false }]\n", date(12+i%9))
		}
		b.WriteString("\n")
	}

	for i := 0; i < len(units); i += 37 {
		fmt.Fprintf(&b, "[[data.submission]]\nunit = %q\nkind = \"典型材料\"\ncount = 1\n", units[i].name)
		if i%74 == 0 {
			b.WriteString("adopted_by = \"省政府网站“政务公开看山东”\"\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// platforms are the platforms of a unit's accounts, in order.
var platforms = [PerUnit]string{"微信公众号", "微博", "今日头条", "抖音", "百家号"}

func date(daysBefore int) string {
	return checkDate.AddDate(0, 0, -daysBefore).Format("2006-01-02")
}

type unit struct{ name, kind string }

// Name parts: common characters every shipped face has (GB 2312).
var (
	placeA = []rune("东西南北中上下新安永平长清河山城桥石龙凤金银青白")
	placeB = []rune("兴华阳宁和丰源泉湖林田庄集坡岭湾台港园")
	depts  = []string{
		"发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
		"人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
		"农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
		"市场监督管理局", "统计局", "医疗保障局", "信访局", "行政审批服务局", "综合行政执法局", "林业局",
		"粮食和物资储备局", "档案馆",
	}
)

// cityUnits returns n distinct units: every fourth a town or sub-district,
// the others departments of the city (市直) and then of its districts.
func cityUnits(n int) []unit {
	out := make([]unit, 0, n)
	town, dept := 0, 0
	for len(out) < n {
		if len(out)%4 == 0 {
			a, b := placeA[town%len(placeA)], placeB[(town/len(placeA))%len(placeB)]
			kind, suffix := "镇", "镇"
			if town%3 == 2 {
				kind, suffix = "街道", "街道"
			}
			name := string(a) + string(b) + suffix
			if k := town / (len(placeA) * len(placeB)); k > 0 {
				name = fmt.Sprintf("%s%s第%d片区", string(a), string(b), k+1)
			}
			out = append(out, unit{name, kind})
			town++
			continue
		}
		d := depts[dept%len(depts)]
		district := dept / len(depts)
		name := "市" + d
		if district > 0 {
			name = districtName(district) + d
		}
		out = append(out, unit{name, "市直部门"})
		dept++
	}
	return out
}

// districtName is the name of district k ≥ 1: 东城区, 西城区, … then 东城第2区 ….
func districtName(k int) string {
	k--
	a := placeA[k%len(placeA)]
	if r := k / len(placeA); r > 0 {
		return fmt.Sprintf("%c城第%d区", a, r+1)
	}
	return string(a) + "城区"
}

// rng is a linear congruential generator (Knuth's MMIX constants): the
// measurements are pseudo-random but fixed by the seed.
type rng uint64

func (r *rng) next(n int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int(uint64(*r>>33) % uint64(n))
}

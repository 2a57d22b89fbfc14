package sign

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/digitorus/pdf"

	"github.com/gongwen/gongwen/internal/pdf/syntax"
)

// PDFA makes a PDF written by gopdf (the project's PDF writer) claim and
// meet PDF/A-2b, by an incremental update that leaves the original bytes
// untouched: an XMP metadata stream agreeing with the Info dictionary and
// declaring pdfaid:part 2, conformance B; an sRGB output intent (the ICC
// profile is generated here, see SRGBProfile); /CIDToGIDMap /Identity on
// every CIDFontType2 (gopdf keeps glyph indices as CIDs but leaves the key
// out, which PDF/A requires); and a trailer /ID. The result is the same for
// the same input. A document already carrying XMP metadata is refused.
//
// What is not changed, and what PDF/A-2b also asks, is left to the writer:
// every font embedded (gopdf embeds all), no encryption, transparency only
// as PDF/A-2 allows (the seal's SMask and Multiply blend are allowed with an
// output intent).
func PDFA(in []byte) (out []byte, err error) {
	defer recoverPDF(&err)
	rdr, err := openPDF(in)
	if err != nil {
		return nil, err
	}
	tr := rdr.Trailer()
	root := tr.Key("Root")
	// Only our own writer's output is known to meet the rest of PDF/A-2b;
	// another program's PDF would claim a conformance nobody checked.
	if p := strings.ToLower(tr.Key("Info").Key("Producer").Text()); !strings.Contains(p, "gongwen") && !strings.Contains(p, "gopdf") {
		return nil, fmt.Errorf("只转换本工具生成的 PDF（此文件由“%s”生成；其他软件请在导出时直接选择 PDF/A）", tr.Key("Info").Key("Producer").Text())
	}
	if !root.Key("Metadata").IsNull() {
		return nil, errors.New("PDF 已带 XMP 元数据，不再转换")
	}
	rootPtr := root.GetPtr()
	rootID := rootPtr.GetID()
	size := int(tr.Key("Size").Int64())
	if size == 0 || rootID == 0 {
		return nil, errors.New("PDF 的 trailer 缺少 /Size 或 /Root")
	}
	var fonts []uint32
	for _, x := range rdr.Xref() {
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Kind() == pdf.Dict && v.Key("Subtype").Name() == "CIDFontType2" && v.Key("CIDToGIDMap").IsNull() {
			p := v.GetPtr()
			fonts = append(fonts, p.GetID())
		}
	}
	sort.Slice(fonts, func(i, j int) bool { return fonts[i] < fonts[j] })
	prevXref, trailerBody, err := lastTrailer(in)
	if err != nil {
		return nil, err
	}
	// The objects amended are found by the offsets the cross-reference
	// table records: a file of ours is written in one piece. (A signed one
	// is not, and is refused: the update would break its certification.)
	objs, _, err := syntax.ReadXref(in)
	if err != nil {
		return nil, fmt.Errorf("只转换本工具生成、尚未签名的 PDF（%w）", err)
	}
	rawDict := func(id int) ([]byte, error) {
		for _, o := range objs {
			if o.Num == id {
				return syntax.Dict(in, o)
			}
		}
		return nil, fmt.Errorf("找不到对象 %d（本转换只用于本工具生成的 PDF）", id)
	}

	var buf bytes.Buffer
	buf.Write(in)
	if !bytes.HasSuffix(in, []byte("\n")) {
		buf.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(id int, body []byte) {
		offsets[id] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n", id)
		buf.Write(body)
		buf.WriteString("\nendobj\n")
	}
	stream := func(dict string, data []byte) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "<< %s /Length %d >>\nstream\n", dict, len(data))
		b.Write(data)
		b.WriteString("\nendstream")
		return b.Bytes()
	}
	metaID, iccID, intentID, infoID := size, size+1, size+2, size+3
	info := tr.Key("Info")
	// gopdf writes /Info as a direct dictionary in the trailer; the PDF
	// standard wants an indirect one. The writer's post-pass mends that
	// now; a file straight from gopdf (or an older gongwen) is mended here.
	if dict, at, n := syntax.DirectEntry(trailerBody, "/Info"); n > 0 {
		obj(infoID, []byte(dict))
		trailerBody = trailerBody[:at] + "/Info " + strconv.Itoa(infoID) + " 0 R" + trailerBody[at+n:]
	} else {
		infoID = intentID
	}
	obj(metaID, stream("/Type /Metadata /Subtype /XML", xmp(info)))
	obj(iccID, stream("/N 3", SRGBProfile()))
	obj(intentID, []byte("<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile "+strconv.Itoa(iccID)+" 0 R >>"))
	// The catalog and the fonts again, with the added keys.
	cat, err := rawDict(int(rootID))
	if err != nil {
		return nil, err
	}
	obj(int(rootID), addKeys(cat, fmt.Sprintf("/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n", metaID, intentID)))
	for _, id := range fonts {
		d, err := rawDict(int(id))
		if err != nil {
			return nil, err
		}
		obj(int(id), addKeys(d, "/CIDToGIDMap /Identity\n"))
	}

	xref := buf.Len()
	ids := make([]int, 0, len(offsets))
	for id := range offsets {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	buf.WriteString("xref\n")
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		fmt.Fprintf(&buf, "%d %d\n", ids[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&buf, "%010d 00000 n \n", offsets[ids[k]])
		}
		i = j + 1
	}
	sum := sha256.Sum256(in)
	id := strings.ToUpper(hex.EncodeToString(sum[:16]))
	fmt.Fprintf(&buf, "trailer\n<<\n/Size %d\n/Prev %d\n/ID [<%s> <%s>]\n%s>>\nstartxref\n%d\n%%%%EOF\n",
		infoID+1, prevXref, id, id, trailerBody, xref)
	return buf.Bytes(), nil
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`(?s)trailer\s*<<(.*)>>\s*startxref\s+\d+\s+%%EOF\s*$`)
	dropKeyRE   = regexp.MustCompile(`/(Size|Prev)\s+\d+\s*|/ID\s*\[[^\]]*\]\s*`)
)

// lastTrailer finds the last cross-reference section's offset and its
// trailer's entries other than /Size, /Prev and /ID.
func lastTrailer(b []byte) (int, string, error) {
	m := startxrefRE.FindSubmatch(b)
	t := trailerRE.FindSubmatch(b[max(0, len(b)-4096):])
	if m == nil || t == nil {
		return 0, "", errors.New("PDF 末尾不是常规的 trailer（本转换只用于本工具生成的 PDF）")
	}
	n, _ := strconv.Atoi(string(m[1]))
	// The last trailer only: drop anything before a previous "trailer".
	body := string(t[1])
	if i := strings.LastIndex(body, "trailer"); i >= 0 {
		body = body[i:]
		if j := strings.Index(body, "<<"); j >= 0 {
			body = body[j+2:]
		}
	}
	body = dropKeyRE.ReplaceAllString(body, "")
	return n, strings.TrimSpace(body) + "\n", nil
}

// addKeys puts entries before a dictionary's closing >>.
func addKeys(dict []byte, entries string) []byte {
	out := append([]byte(nil), dict[:len(dict)-2]...)
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	out = append(out, entries...)
	return append(out, ">>"...)
}

// xmp is the XMP packet for a PDF/A-2b file, repeating the Info dictionary
// as PDF/A requires.
func xmp(info pdf.Value) []byte {
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	if s := info.Key("Title").Text(); s != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(s))
	}
	if s := info.Key("Author").Text(); s != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(s))
	}
	if s := info.Key("Subject").Text(); s != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(s))
	}
	if s := info.Key("Keywords").Text(); s != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(s))
	}
	if s := info.Key("Producer").Text(); s != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(s))
	}
	if s := info.Key("Creator").Text(); s != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(s))
	}
	for _, k := range [][2]string{{"CreationDate", "CreateDate"}, {"ModDate", "ModifyDate"}} {
		if s := info.Key(k[0]).RawString(); s != "" {
			if t, err := parseDate(s); err == nil {
				fmt.Fprintf(&b, "<xmp:%s>%s</xmp:%s>\n", k[1], t.Format("2006-01-02T15:04:05-07:00"), k[1])
			}
		}
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets an editor rewrite the packet in place.
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString("<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// SRGBProfile is a small ICC v2 display profile for sRGB (IEC 61966-2-1):
// the D50-adapted sRGB primaries and the sRGB tone curve as a 1024-entry
// table. It is written here, so no third-party profile needs a licence.
func SRGBProfile() []byte {
	s15 := func(v float64) []byte {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(int32(math.Round(v*65536))))
		return b[:]
	}
	xyz := func(x, y, z float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		b = append(b, s15(x)...)
		b = append(b, s15(y)...)
		return append(b, s15(z)...)
	}
	desc := func(s string) []byte {
		b := []byte("desc\x00\x00\x00\x00")
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
		b = append(b, s...)
		b = append(b, 0)
		b = append(b, make([]byte, 4+4+2+1+67)...) // no Unicode, no ScriptCode
		return b
	}
	text := func(s string) []byte { return append(append([]byte("text\x00\x00\x00\x00"), s...), 0) }
	curv := []byte("curv\x00\x00\x00\x00")
	const n = 1024
	curv = binary.BigEndian.AppendUint32(curv, n)
	for i := 0; i < n; i++ {
		v := float64(i) / (n - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curv = binary.BigEndian.AppendUint16(curv, uint16(math.Round(v*65535)))
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc("sRGB IEC61966-2.1 (gongwen)")},
		{"cprt", text("No copyright, use freely")},
		{"wtpt", xyz(0.9642, 1.0, 0.8249)},
		{"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)},
		{"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)},
		{"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)},
		{"rTRC", curv},
		{"gTRC", curv},
		{"bTRC", curv},
	}
	head := 128 + 4 + 12*len(tags)
	var body []byte
	var table []byte
	table = binary.BigEndian.AppendUint32(table, uint32(len(tags)))
	var curvAt int
	for _, t := range tags {
		at := head + len(body)
		if t.sig == "gTRC" || t.sig == "bTRC" {
			at = curvAt // the three curves share one table
		} else {
			if t.sig == "rTRC" {
				curvAt = at
			}
			body = append(body, t.data...)
			for len(body)%4 != 0 {
				body = append(body, 0)
			}
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(at))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	total := head + len(body)
	h := make([]byte, 128)
	binary.BigEndian.PutUint32(h[0:], uint32(total))
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1
	copy(h[12:], "mntr")
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	// date and time: 2021-01-01 00:00:00, fixed
	binary.BigEndian.PutUint16(h[24:], 2021)
	binary.BigEndian.PutUint16(h[26:], 1)
	binary.BigEndian.PutUint16(h[28:], 1)
	copy(h[36:], "acsp")
	copy(h[68:], s15(0.9642))
	copy(h[72:], s15(1.0))
	copy(h[76:], s15(0.8249))
	out := append(h, table...)
	return append(out, body...)
}

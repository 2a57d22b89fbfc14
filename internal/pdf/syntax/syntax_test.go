package syntax_test

import (
	"crypto/x509/pkix"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/gongwen/gongwen/internal/pdf/syntax"
	"github.com/gongwen/gongwen/internal/sign"
	"github.com/gongwen/gongwen/internal/sign/signtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// UTF-16 as the Unicode standard defines it: 𪚥 U+2A6A5 is the surrogate
// pair D869 DEA5; "(" and "\" need no escape in a hex string.
func TestTextString(t *testing.T) {
	for in, want := range map[string]string{
		"":     "<FEFF>",
		"a(\\": "<FEFF00610028005C>",
		"𪚥":    "<FEFFD869DEA5>",
		"在局":   "<FEFF57285C40>",
	} {
		if got := syntax.TextString(in); got != want {
			t.Errorf("TextString(%q) = %s, want %s", in, got, want)
		}
	}
}

// ReadXref finds every object where qpdf finds it, and refuses a file with
// an incremental update (a signed one).
func TestReadXrefAgreesWithQpdf(t *testing.T) {
	b := signtest.PDF(t, "gongwen")
	objs, at, err := syntax.ReadXref(b)
	if err != nil {
		t.Fatal(err)
	}
	prog := tooltest.Need(t, "qpdf", "qpdf")
	f := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(f, b, 0o644)
	out, err := exec.Command(prog, "--show-xref", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]int{}
	for _, m := range regexp.MustCompile(`(?m)^(\d+)/0: uncompressed; offset = (\d+)$`).FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[1])
		off, _ := strconv.Atoi(m[2])
		want[n] = off
	}
	if len(objs) != len(want) || len(want) == 0 {
		t.Fatalf("%d objects, qpdf lists %d", len(objs), len(want))
	}
	for _, o := range objs {
		if want[o.Num] != o.Start || o.End > at || o.Start >= o.End {
			t.Errorf("object %d at %d–%d, qpdf says offset %d (table at %d)", o.Num, o.Start, o.End, want[o.Num], at)
		}
		if d, err := syntax.Dict(b, o); err == nil && (d[0] != '<' || d[len(d)-1] != '>') {
			t.Errorf("object %d: dictionary %q", o.Num, d)
		}
	}

	k := signtest.Key(t, false)
	s := &sign.Signer{Cert: signtest.Cert(t, pkix.Name{CommonName: "测试"}, k, nil, nil, false), Key: k}
	signed, err := sign.Sign(b, s, sign.Info{Name: "测试"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := syntax.ReadXref(signed); err == nil {
		t.Error("a signed file (incremental update) was read as one piece")
	}
	if _, _, err := syntax.ReadXref(b[:len(b)/2]); err == nil {
		t.Error("half a file was read")
	}
}

func TestDirectEntry(t *testing.T) {
	body := "/Root 1 0 R\n/Info <<\n/Title <FEFF0041>/Subject (a >> (b) \\) <<)\n/Sub <</A <00>>>\n>>\n/X 1\n"
	d, at, n := syntax.DirectEntry(body, "/Info")
	if want := "<<\n/Title <FEFF0041>/Subject (a >> (b) \\) <<)\n/Sub <</A <00>>>\n>>"; d != want {
		t.Errorf("dict %q, want %q", d, want)
	}
	if body[at:at+n] != "/Info "+d {
		t.Errorf("span %q", body[at:at+n])
	}
}

package sign

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509/pkix"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongwen/gongwen/internal/sign/signtest"
)

var regenSeeds = flag.Bool("regen-seeds", false, "write testdata/seeds/*.pdf (the signed seeds of FuzzVerify) anew")

// seedFiles are the seeds of FuzzVerify: an unsigned PDF, the same signed
// once and twice. They are files, not made at each run, because a signed
// file differs at each signing (the signature value, its signing time) and
// the fuzzer's workers must agree with each other and with the inputs saved
// by earlier runs on which bytes were signed.
var seedFiles = []string{"plain.pdf", "once.pdf", "twice.pdf"}

// TestRegenSeeds writes the seeds with -regen-seeds; without it, it checks
// that they are still read as signed once and twice, validly.
func TestRegenSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "seeds")
	if *regenSeeds {
		k := signtest.Key(t, false)
		cert := signtest.Cert(t, pkix.Name{CommonName: "模糊测试（仅供测试）"}, k, nil, nil, false)
		s := &Signer{Cert: cert, Key: k}
		at := time.Date(2021, 9, 22, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
		plain := signtest.PDF(t, "gongwen")
		once, err := Sign(plain, s, Info{Name: "签名人（在局）", Reason: "正式发文", Time: at})
		if err != nil {
			t.Fatal(err)
		}
		twice, err := Sign(once, s, Info{Name: "第二签名人", Time: at})
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		for i, b := range [][]byte{plain, once, twice} {
			if err := os.WriteFile(filepath.Join(dir, seedFiles[i]), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, name := range seedFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sigs, err := Verify(b)
		if err != nil || len(sigs) != i {
			t.Fatalf("%s: %d signatures, %v", name, len(sigs), err)
		}
		for _, g := range sigs {
			if !g.Valid {
				t.Errorf("%s: %s", name, g.Problem)
			}
		}
	}
}

// FuzzVerify: Verify reads any bytes without a panic or an error for a
// signature it cannot read (those are Problems), and a signature it calls
// valid covers exactly bytes that were signed: the content under its
// /ByteRange is the content of a seed's signature. A mutation of the
// signed bytes that Verify still accepted would be a forgery.
func FuzzVerify(f *testing.F) {
	signed := map[[32]byte]bool{}
	for _, name := range seedFiles {
		b, err := os.ReadFile(filepath.Join("testdata", "seeds", name))
		if err != nil {
			f.Fatal(err)
		}
		sigs, err := Verify(b)
		if err != nil {
			f.Fatal(err)
		}
		for _, g := range sigs {
			signed[sha256.Sum256(signedContent(b, g.ByteRange))] = true
		}
		f.Add(b)
		if len(sigs) > 0 {
			f.Add(b[:len(b)/2])
			f.Add(append(bytes.Clone(b), "\n% appended\n"...))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sigs, err := Verify(b)
		if err != nil {
			return
		}
		for _, g := range sigs {
			if !g.Valid {
				if g.Problem == "" {
					t.Fatal("invalid signature without a Problem")
				}
				continue
			}
			br := g.ByteRange
			if br[0] != 0 || br[2]+br[3] > int64(len(b)) || g.WholeDocument != (br[2]+br[3] == int64(len(b))) {
				t.Fatalf("valid signature with byte range %v in %d bytes (whole %v)", br, len(b), g.WholeDocument)
			}
			if !signed[sha256.Sum256(signedContent(b, br))] {
				t.Fatalf("valid signature over bytes nobody signed (byte range %v)", br)
			}
		}
	})
}

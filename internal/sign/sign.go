package sign

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	pdfsign "github.com/digitorus/pdfsign/sign"
	"github.com/digitorus/pkcs7"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/gongwen/gongwen/internal/pdf/syntax"
)

// Info is what the signature dictionary says about the signing.
type Info struct {
	Name     string    // /Name: the person or office signing
	Reason   string    // /Reason, e.g. 正式发文
	Location string    // /Location
	Contact  string    // /ContactInfo
	Time     time.Time // /M: when it was signed; zero leaves /M out
}

// Sign returns in with a digital signature appended as an incremental
// update: the bytes of in are kept unchanged at the start of the result,
// and the result is verified (Verify) before it is returned. A
// document with no signature yet gets a certification signature that still
// allows later signatures (DocMDP P=2); an already signed one an approval
// signature.
//
// pdfsign writes non-ASCII text strings as raw UTF-16 inside a literal
// string without escaping, which breaks on any character whose UTF-16 bytes
// hold "(", ")" or "\" (在 U+5728, 局 U+5C40 …). So non-ASCII fields go in as
// ASCII placeholders of the right length, are then replaced by hex strings
// <FEFF…>, and the CMS signature is made again over the final bytes.
func Sign(in []byte, s *Signer, info Info) (out []byte, err error) {
	defer recoverPDF(&err)
	rdr, err := openPDF(in)
	if err != nil {
		return nil, err
	}
	signed := !rdr.Trailer().Key("Root").Key("AcroForm").Key("SigFlags").IsNull()

	var patches []patch
	field := func(text string, mark byte) string {
		if isPlainASCII(text) {
			return text
		}
		hexs := syntax.TextString(text)
		ph := strings.Repeat(string(mark), len(hexs)-2) // "(" + ph + ")" is as long as hexs
		patches = append(patches, patch{from: "(" + ph + ")", to: hexs})
		return ph
	}
	sd := pdfsign.SignData{
		Signature: pdfsign.SignDataSignature{
			CertType:   pdfsign.CertificationSignature,
			DocMDPPerm: pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms,
			Info: pdfsign.SignDataSignatureInfo{
				Name:        field(info.Name, 'N'),
				Reason:      field(info.Reason, 'R'),
				Location:    field(info.Location, 'L'),
				ContactInfo: field(info.Contact, 'C'),
				Date:        info.Time,
			},
		},
		Signer:            s.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.Cert,
		CertificateChains: [][]*x509.Certificate{append([]*x509.Certificate{s.Cert}, s.Chain...)},
	}
	if signed {
		sd.Signature.CertType = pdfsign.ApprovalSignature
		sd.Signature.DocMDPPerm = 0
	}
	var buf bytes.Buffer
	if err := pdfsign.Sign(bytes.NewReader(in), &buf, rdr, int64(len(in)), sd); err != nil {
		return nil, fmt.Errorf("签名失败：%w", err)
	}
	out = buf.Bytes()
	if !bytes.Equal(out[:len(in)], in) {
		return nil, errors.New("签名失败：签名程序改动了原文件的字节")
	}
	if len(patches) == 0 {
		return selfCheck(out)
	}
	tail := out[len(in):]
	for _, p := range patches {
		i := bytes.Index(tail, []byte(p.from))
		if i < 0 || bytes.Contains(tail[i+1:], []byte(p.from)) {
			return nil, errors.New("签名失败：签名字典中的占位文字不唯一")
		}
		copy(tail[i:], p.to)
	}
	br, err := lastByteRange(tail)
	if err != nil {
		return nil, err
	}
	cms, err := signCMS(signedContent(out, br), s)
	if err != nil {
		return nil, err
	}
	h := make([]byte, hex.EncodedLen(len(cms)))
	hex.Encode(h, cms)
	room := int(br[2] - br[1] - 2)
	if len(h) > room {
		return nil, fmt.Errorf("签名失败：签名数据（%d 字节）超出预留空间（%d 字节）", len(h)/2, room/2)
	}
	copy(out[br[1]+1:], h)
	for i := br[1] + 1 + int64(len(h)); i < br[2]-1; i++ {
		out[i] = '0'
	}
	return selfCheck(out)
}

// selfCheck verifies a freshly signed file as Verify would later: its last
// signature must be valid and cover the whole file. Sign's callers (the
// sign command, the archive) never write a file that fails it.
func selfCheck(out []byte) ([]byte, error) {
	sigs, err := Verify(out)
	if err != nil {
		return nil, fmt.Errorf("签名后的文件未通过核验：%w", err)
	}
	if len(sigs) == 0 {
		return nil, errors.New("签名后的文件未通过核验：找不到刚加的签名")
	}
	if last := sigs[len(sigs)-1]; !last.Valid || !last.WholeDocument {
		return nil, fmt.Errorf("签名后的文件未通过核验（签名无效或未覆盖整个文件）：%s", last.Problem)
	}
	return out, nil
}

type patch struct{ from, to string }

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}

var byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// lastByteRange finds the last /ByteRange written in b.
func lastByteRange(b []byte) ([4]int64, error) {
	var br [4]int64
	all := byteRangeRE.FindAllSubmatch(b, -1)
	if len(all) == 0 {
		return br, errors.New("签名失败：找不到 /ByteRange")
	}
	m := all[len(all)-1]
	for i := range br {
		v, err := strconv.ParseInt(string(m[i+1]), 10, 64)
		if err != nil {
			return br, fmt.Errorf("签名失败：/ByteRange 无法读取：%w", err)
		}
		br[i] = v
	}
	return br, nil
}

// signedContent is the bytes a signature with byte range br covers.
func signedContent(b []byte, br [4]int64) []byte {
	c := make([]byte, 0, br[1]+br[3])
	c = append(c, b[br[0]:br[0]+br[1]]...)
	return append(c, b[br[2]:br[2]+br[3]]...)
}

// signCMS makes the detached CMS SignedData over content, with the same
// signed attributes pdfsign writes (ESS signing-certificate-v2).
func signCMS(content []byte, s *Signer) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, fmt.Errorf("签名失败：%w", err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	h := crypto.SHA256.New()
	h.Write(s.Cert.Raw)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SigningCertificateV2
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // certs
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ESSCertIDv2, SHA-256 by default
				b.AddASN1OctetString(h.Sum(nil))
			})
		})
	})
	ess, err := b.Bytes()
	if err != nil {
		return nil, fmt.Errorf("签名失败：%w", err)
	}
	cfg := pkcs7.SignerInfoConfig{ExtraSignedAttributes: []pkcs7.Attribute{{
		Type:  asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47},
		Value: asn1.RawValue{FullBytes: ess},
	}}}
	if err := sd.AddSignerChain(s.Cert, s.Key, s.Chain, cfg); err != nil {
		return nil, fmt.Errorf("签名失败：%w", err)
	}
	sd.Detach()
	return sd.Finish()
}

// Detached makes a detached CMS signature (DER) over data, as written next to
// an archive's manifest so that the manifest cannot be edited unnoticed.
func Detached(data []byte, s *Signer) ([]byte, error) { return signCMS(data, s) }

// VerifyDetached checks a detached CMS signature over data and returns the
// certificate that made it and all certificates the signature carries.
func VerifyDetached(data, sig []byte) (*x509.Certificate, []*x509.Certificate, error) {
	p7, err := pkcs7.Parse(sig)
	if err != nil {
		return nil, nil, fmt.Errorf("签名文件无法解读（已损坏）：%w", err)
	}
	p7.Content = data
	if err := p7.Verify(); err != nil {
		return nil, nil, fmt.Errorf("签名与内容不符：%w", err)
	}
	c := p7.GetOnlySigner()
	if c == nil {
		return nil, nil, errors.New("签名中没有签名人证书")
	}
	return c, p7.Certificates, nil
}

// CertSHA256 is the SHA-256 of a certificate (DER), in hex: how the archive
// names the certificate that signed.
func CertSHA256(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

package diff

import (
	"encoding/json"
	"fmt"

	"github.com/gongwen/gongwen/internal/doc"
)

// ReadJSON reads a composed document as gongwen writes it in JSON (build
// --format json, and the archive's copy), so that a correction can be
// compared with what was issued without rebuilding it. The seal's image
// bytes are not in the JSON: only its name is compared then.
func ReadJSON(b []byte) (*doc.Document, error) {
	type attachment struct {
		doc.Attachment
		Blocks []json.RawMessage `json:"blocks"`
	}
	var raw struct {
		doc.Document
		Body        []json.RawMessage `json:"body"`
		Attachments []attachment      `json:"attachments"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("不是 gongwen 生成的 JSON：%w", err)
	}
	d := raw.Document
	var err error
	if d.Body, err = blocks(raw.Body); err != nil {
		return nil, err
	}
	d.Attachments = nil
	for _, a := range raw.Attachments {
		at := a.Attachment
		if at.Blocks, err = blocks(a.Blocks); err != nil {
			return nil, err
		}
		d.Attachments = append(d.Attachments, at)
	}
	return &d, nil
}

func blocks(raws []json.RawMessage) ([]doc.Block, error) {
	var out []doc.Block
	for i, r := range raws {
		var t struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(r, &t); err != nil {
			return nil, err
		}
		switch t.Type {
		case "paragraph":
			p := &doc.Paragraph{}
			if err := json.Unmarshal(r, p); err != nil {
				return nil, err
			}
			out = append(out, p)
		case "table":
			tb := &doc.Table{}
			if err := json.Unmarshal(r, tb); err != nil {
				return nil, err
			}
			out = append(out, tb)
		default:
			return nil, fmt.Errorf("JSON 第 %d 块的类型“%s”不认识", i+1, t.Type)
		}
	}
	return out, nil
}

package doc

import (
	"encoding/json"
	"testing"
)

func TestBlockJSONType(t *testing.T) {
	d := Document{Body: []Block{
		&Paragraph{Runs: []Run{{Text: "56个政务新媒体", Face: FaceFangSong}}},
		&Table{Columns: []Column{{}}, Rows: [][]Cell{{{Text: "合格", ColSpan: 1, RowSpan: 1}}}},
	}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Body []map[string]any `json:"body"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Body[0]["type"] != "paragraph" || back.Body[1]["type"] != "table" {
		t.Fatalf("types: %v %v", back.Body[0]["type"], back.Body[1]["type"])
	}
	runs := back.Body[0]["runs"].([]any)
	if runs[0].(map[string]any)["text"] != "56个政务新媒体" {
		t.Errorf("paragraph text lost: %s", b)
	}
	rows := back.Body[1]["rows"].([]any)
	if rows[0].([]any)[0].(map[string]any)["text"] != "合格" {
		t.Errorf("table cell lost: %s", b)
	}
}

package seedtest

import "testing"

func TestMissing(t *testing.T) {
	if m := Missing(Text()); len(m) != 0 {
		t.Fatalf("the seed does not contain itself: %q", m)
	}
	if len(Sentences()) < 40 {
		t.Fatalf("only %d sentences", len(Sentences()))
	}
	// Dropping one sentence, or swapping two, must be noticed.
	s := Sentences()
	if m := Missing(s[1] + s[0]); len(m) == 0 {
		t.Fatal("swapped sentences were not noticed")
	}
}

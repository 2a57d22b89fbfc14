package diff

// opKind is one step of an edit script.
type opKind int

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// op covers a[A0:A1] (equal or deleted) and b[B0:B1] (equal or inserted).
type op struct {
	kind           opKind
	A0, A1, B0, B1 int
}

// sequence returns an edit script turning a into b: the longest common
// subsequence, found after trimming the common prefix and suffix (which
// keeps the quadratic part small for the usual few-word corrections).
// Deletions come before insertions at the same place.
func sequence[T any](a, b []T, eq func(x, y T) bool) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && eq(a[pre], b[pre]) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && eq(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(ma), len(mb)
	if n*m > maxLCSCells {
		// Too long to compare element by element in reasonable memory
		// and time (two texts of 100 000 characters would need 40 GB):
		// the middle is replaced whole, as a text rewritten beyond
		// recognition.
		var ops []op
		for _, o := range []op{
			{opEqual, 0, pre, 0, pre},
			{opDelete, pre, pre + n, pre, pre},
			{opInsert, pre + n, pre + n, pre, pre + m},
			{opEqual, len(a) - suf, len(a), len(b) - suf, len(b)},
		} {
			if o.A0 != o.A1 || o.B0 != o.B1 {
				ops = append(ops, o)
			}
		}
		return ops
	}
	// l[i][j] = LCS length of ma[i:], mb[j:]
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(ma[i], mb[j]) {
				l[i][j] = l[i+1][j+1] + 1
			} else if l[i+1][j] >= l[i][j+1] {
				l[i][j] = l[i+1][j]
			} else {
				l[i][j] = l[i][j+1]
			}
		}
	}
	var ops []op
	push := func(k opKind, a0, a1, b0, b1 int) {
		if a0 == a1 && b0 == b1 {
			return
		}
		if len(ops) > 0 && ops[len(ops)-1].kind == k {
			o := &ops[len(ops)-1]
			if o.A1 == a0 && o.B1 == b0 {
				o.A1, o.B1 = a1, b1
				return
			}
		}
		ops = append(ops, op{k, a0, a1, b0, b1})
	}
	push(opEqual, 0, pre, 0, pre)
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && eq(ma[i], mb[j]):
			push(opEqual, pre+i, pre+i+1, pre+j, pre+j+1)
			i++
			j++
		case j == m || (i < n && l[i+1][j] >= l[i][j+1]):
			push(opDelete, pre+i, pre+i+1, pre+j, pre+j)
			i++
		default:
			push(opInsert, pre+i, pre+i, pre+j, pre+j+1)
			j++
		}
	}
	push(opEqual, len(a)-suf, len(a), len(b)-suf, len(b))
	return ops
}

// maxLCSCells bounds the table of the longest common subsequence: 4M
// entries, 16 MB. A paragraph or table of a notice is far below it.
const maxLCSCells = 1 << 22

// hunk is a run of changes between equal stretches: a[A0:A1] replaced by
// b[B0:B1] (either side may be empty).
type hunk struct{ A0, A1, B0, B1 int }

// hunks groups an edit script into changed regions.
func hunks(ops []op) []hunk {
	var hs []hunk
	var cur *hunk
	for _, o := range ops {
		if o.kind == opEqual {
			cur = nil
			continue
		}
		if cur == nil {
			hs = append(hs, hunk{o.A0, o.A1, o.B0, o.B1})
			cur = &hs[len(hs)-1]
			continue
		}
		cur.A1, cur.B1 = o.A1, o.B1
	}
	return hs
}

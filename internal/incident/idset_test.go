package incident

import (
	"fmt"
	"hash/maphash"
	"strings"
	"testing"
)

// TestIDSet adds ids past several doublings of the table and blocks of
// the arena, each twice, and finds each one's first line.
func TestIDSet(t *testing.T) {
	s := newIDSet()
	long := strings.Repeat("x", arenaBlock+10) // longer than a block
	ids := []string{"", "A1", long}
	for i := range 5000 {
		ids = append(ids, fmt.Sprintf("id-%d-%s", i, strings.Repeat("y", i%300)))
	}
	for i, id := range ids {
		if _, _, seen := s.add(id, i+2, uint64(i)*7); seen {
			t.Fatalf("%.20q seen before it was added", id)
		}
	}
	for i, id := range ids {
		if first, ref, seen := s.add(id, 99999, 1); !seen || first != i+2 || ref != uint64(i)*7 {
			t.Fatalf("%.20q: first line %d, ref %d, %v; want %d, %d, true", id, first, ref, seen, i+2, i*7)
		}
	}
	if s.n != len(ids) || 4*s.n > 3*len(s.slots) || len(s.blocks) < 3 {
		t.Errorf("%d ids in %d slots and %d blocks", s.n, len(s.slots), len(s.blocks))
	}
}

// TestIDSetCollision gives two ids the same slot and fingerprint, by
// forcing the hash: they stay apart.
func TestIDSetCollision(t *testing.T) {
	s := newIDSet()
	h := maphash.String(s.seed, "a")
	// "b" stored first under a's hash, as a true collision would be: a
	// lookup of "a" meets it first and must look on.
	s.insert(h, s.store("b", 3, 0)+1)
	s.n++
	s.insert(h, s.store("a", 2, 0)+1)
	s.n++
	if first, _, seen := s.add("a", 9, 0); !seen || first != 2 {
		t.Errorf("a: %d, %v; want 2, true", first, seen)
	}
	if _, _, seen := s.add("c", 9, 0); seen {
		t.Error("c seen")
	}
}

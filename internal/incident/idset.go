package incident

import (
	"encoding/binary"
	"hash/maphash"
)

// idSet is the set of ids seen, with the line of the row that first had
// each. It is compact, since it is the one thing a Reader keeps for every
// row: an open-addressing table of one 8-byte word per slot (at most
// three quarters full) holds part of each id's 64-bit hash and where the
// id is in an arena of 1 MiB blocks, which holds the id and its line. A
// hash match is confirmed by comparing the ids themselves before a row is
// called a duplicate. Each id also keeps a reference to its first row's
// values, which are kept on disk (see firstRows). For a million ids of 8
// characters it holds about 35 MB, and it never copies the arena as it
// grows.
type idSet struct {
	seed maphash.Seed
	// slots hold 0 for empty, or the hash's top 24 bits above the
	// arena offset plus one (40 bits).
	slots  []uint64
	n      int
	blocks [][]byte
}

const (
	arenaBlock  = 1 << 20
	offsetBits  = 40
	offsetMask  = 1<<offsetBits - 1
	initialSlot = 1 << 10
)

func newIDSet() idSet {
	return idSet{seed: maphash.MakeSeed(), slots: make([]uint64, initialSlot)}
}

// add records id as first seen on line, with a reference ref to that
// row's values, unless it was seen before: then it returns the line and
// reference of its first row and true.
func (s *idSet) add(id string, line int, ref uint64) (first int, firstRef uint64, seen bool) {
	h := maphash.String(s.seed, id)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := s.slots[i]
		if slot == 0 {
			break
		}
		if slot>>offsetBits != h>>offsetBits {
			continue
		}
		if l, r, stored := s.entry(slot&offsetMask - 1); stored == id {
			return l, r, true
		}
	}
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	s.insert(h, s.store(id, line, ref)+1)
	s.n++
	return 0, 0, false
}

// insert puts the arena reference ref (offset plus one) of an id with
// hash h into its slot.
func (s *idSet) insert(h, ref uint64) {
	mask := uint64(len(s.slots) - 1)
	i := h & mask
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = h>>offsetBits<<offsetBits | ref
}

// grow doubles the table, hashing each id again from the arena.
func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	for _, slot := range old {
		if slot == 0 {
			continue
		}
		ref := slot & offsetMask
		_, _, id := s.entryBytes(ref - 1)
		s.insert(maphash.Bytes(s.seed, id), ref)
	}
}

// store appends an id and its line to the arena and returns its offset.
// An entry starts inside its block's first arenaBlock bytes and never
// spans two blocks.
func (s *idSet) store(id string, line int, ref uint64) uint64 {
	size := 3*binary.MaxVarintLen64 + len(id)
	last := len(s.blocks) - 1
	if last < 0 || len(s.blocks[last])+size > cap(s.blocks[last]) {
		s.blocks = append(s.blocks, make([]byte, 0, max(arenaBlock, size)))
		last++
	}
	b := s.blocks[last]
	off := uint64(last)*arenaBlock + uint64(len(b))
	b = binary.AppendUvarint(b, uint64(line))
	b = binary.AppendUvarint(b, ref)
	b = binary.AppendUvarint(b, uint64(len(id)))
	s.blocks[last] = append(b, id...)
	return off
}

func (s *idSet) entryBytes(off uint64) (line int, ref uint64, id []byte) {
	b := s.blocks[off/arenaBlock][off%arenaBlock:]
	l, n := binary.Uvarint(b)
	b = b[n:]
	ref, n = binary.Uvarint(b)
	b = b[n:]
	size, n := binary.Uvarint(b)
	return int(l), ref, b[n : n+int(size)]
}

func (s *idSet) entry(off uint64) (line int, ref uint64, id string) {
	l, r, b := s.entryBytes(off)
	return l, r, string(b) // compared, not kept: no allocation
}

// bytes returns the memory the set holds.
func (s *idSet) bytes() int64 {
	return int64(8*len(s.slots)) + int64(len(s.blocks))*arenaBlock
}
